const v = async (x) => x;
export default async () => [await v(2) * 3, -await v(1), !await v(0), typeof await v('s'), (await v([1, 2])).length, `t${await v('x')}`, await v(1) ? await v('yes') : 'no'];