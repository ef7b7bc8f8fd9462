class A { static make = async () => new A(); load = async () => { await 0; return 'loaded'; }; }
export default async () => (await A.make()).load();