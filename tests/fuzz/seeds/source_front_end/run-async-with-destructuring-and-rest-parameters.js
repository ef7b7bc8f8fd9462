const f = async ({ a, ...rest }, ...more) => [a, rest, more];
export default async () => f({ a: 1, b: 2 }, 3, 4);