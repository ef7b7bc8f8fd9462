// class fields with types, definite assignment, declare fields and initializers using parameters
class Model {
  id!: number;
  name: string = 'unnamed';
  declare hidden: boolean;
  tags: string[] = [];
  readonly createdBy: string;
  static version: number = 2;
  constructor(public owner: string, id?: number) {
    this.createdBy = owner.toUpperCase();
    if (id) this.id = id;
  }
}
export default function test(): unknown {
  const m = new Model('ada', 5);
  return [m, Object.keys(m), Model.version, 'hidden' in m, 'id' in new Model('x')];
}
