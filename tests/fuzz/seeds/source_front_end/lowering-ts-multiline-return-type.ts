// an arrow function's return type over several lines: the line breaks move after `=>`
const make = (id: number): {
  id: number;
  tags: string[];
} => ({ id, tags: [] });
export default function test(): unknown {
  const pick = (flag: boolean): (
    string | number
  ) => flag ? 'yes' : 0;
  return [make(1), pick(true), pick(false)];
}
