// an exported async function named test, with a default export that is not a function
export const meta = { name: 'meta' };
export async function test() { await null; return ['named async', meta.name]; }
