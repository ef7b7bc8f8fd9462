enum Color { Red, Green = 5, Blue }
const enum Dir { Up = 'UP', Down = 'DOWN' }
enum Bits { A = 1 << 0, B = 1 << 1, AB = A | B, C }
export default () => [Color.Red, Color.Blue, Color[5], Dir.Down, Bits.AB, Bits.C, Object.keys(Color).length];