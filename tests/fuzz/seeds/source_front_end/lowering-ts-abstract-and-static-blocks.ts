// abstract classes with constructors, static blocks and protected members used by subclasses
abstract class Plugin {
  static registry: string[] = [];
  static { Plugin.registry.push('base'); }
  protected constructor(protected readonly name: string) {}
  abstract run(): string;
  static create<T extends Plugin>(this: new () => T): T { return new this(); }
}
class Hello extends Plugin {
  static { Plugin.registry.push('hello'); }
  constructor() { super('hello'); }
  run(): string { return `run ${this.name}`; }
}
export default function test(): unknown {
  return [Hello.create().run(), Plugin.registry];
}
