// TypeScript: #private fields next to TS `private`, readonly and parameter properties
class Session {
  #token: string;
  private hint: string = 'ts-private';
  readonly created = 1;
  constructor(token: string, public user: string) {
    this.#token = token;
  }
  masked(): string { return this.#token.slice(0, 2) + '***'; }
  static same(a: Session, b: Session): boolean { return a.#token === b.#token; }
}
export default function test() {
  const s = new Session('secret', 'ada');
  return [s.masked(), JSON.stringify(s), Object.keys(s), Session.same(s, new Session('secret', 'bob'))];
}
