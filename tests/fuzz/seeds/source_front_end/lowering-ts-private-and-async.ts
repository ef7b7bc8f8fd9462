// TypeScript: #private with types, async private methods, static private and parameter properties together
type Token = { value: string; expires: number };
class TokenStore {
  static #instances: number = 0;
  #tokens: Map<string, Token> = new Map();
  constructor(private readonly now: () => number) { TokenStore.#instances++; }
  async #refresh(key: string): Promise<Token> {
    await null;
    const token: Token = { value: `fresh-${key}`, expires: this.now() + 10 };
    this.#tokens.set(key, token);
    return token;
  }
  async get(key: string): Promise<string> {
    const existing = this.#tokens.get(key);
    if (existing && existing.expires > this.now()) return existing.value;
    return (await this.#refresh(key)).value;
  }
  static get count(): number { return TokenStore.#instances; }
}
export default async function test(): Promise<unknown> {
  let t = 0;
  const store = new TokenStore(() => t);
  const a = await store.get('a');
  t = 5;
  const b = await store.get('a');
  t = 20;
  const c = await store.get('a');
  return [a, b, c, TokenStore.count, Object.keys(store)];
}
