// statements that rely on automatic semicolons next to removed TypeScript
const a = 1
type T = number
const b = (a as number)
interface I { x: number }
;[a, b].forEach((v) => v)
let c: T = 3
declare const d: number
const e = [c]
export default function test() {
  const f = e
  const g: I = { x: f[0] }
  return [a, b, c, e, g]
}
