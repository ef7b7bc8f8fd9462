function* g() { yield 1; yield 2; }
export default async () => [...g()].concat(await 3);