const fail = async () => { await null; throw new Error('late'); };
export default async () => { try { await fail(); return 'no'; } catch (e) { return e.message; } };