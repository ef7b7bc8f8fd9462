// classes: modifiers, parameter properties, abstract members, implements, override, accessors, static
interface Shape { area(): number }
abstract class Base implements Shape {
  protected static created: number = 0;
  private readonly kind: string;
  constructor(kind: string, public readonly label: string = 'none') { this.kind = kind; Base.created++; }
  abstract area(): number;
  public describe(): string { return `${this.kind}/${this.label}/${this.area()}`; }
  static get count(): number { return Base.created; }
}
class Rect extends Base {
  declare notEmitted: string;
  constructor(private w: number, protected h: number) { super('rect', 'R'); }
  override area(): number { return this.w * this.h; }
  get dims(): [number, number] { return [this.w, this.h]; }
  set width(v: number) { this.w = v; }
}
export default function test(): unknown {
  const r = new Rect(2, 3);
  r.width = 4;
  return [r.describe(), r.dims, Base.count, Object.keys(r), 'notEmitted' in r];
}
