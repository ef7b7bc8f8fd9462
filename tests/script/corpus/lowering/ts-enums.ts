// regular enums: numeric with reverse mapping, initializers, string members, members referencing others
enum Direction { Up, Down, Left = 10, Right }
enum Mixed { A = 'a', B = 2, C }
enum Flags { None = 0, Read = 1 << 0, Write = 1 << 1, ReadWrite = Read | Write, Size = 'abc'.length }
enum Quoted { 'with space' = 1, plain }
export default function test(): unknown {
  return [
    Direction.Up, Direction.Right, Direction[11], Direction['Left'], Object.keys(Direction),
    Mixed.A, Mixed.C, Mixed[3], Flags.ReadWrite, Flags[3], Flags.Size, Quoted['with space'], Quoted.plain,
  ];
}
