interface I {
  a: number;
}
let i: I = { a: 1 };