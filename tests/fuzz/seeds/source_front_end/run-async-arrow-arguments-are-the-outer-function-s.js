function outer() { const inner = async () => { await 0; return Array.from(arguments); }; return inner('ignored'); }
export default () => outer(1, 2);