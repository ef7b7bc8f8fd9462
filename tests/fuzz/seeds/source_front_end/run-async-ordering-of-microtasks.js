const log = [];
async function a() { log.push('a1'); await null; log.push('a2'); }
export default async () => { const p = a(); log.push('sync'); await p; log.push('end'); return log; };