// TypeScript: named groups together with the s flag and a typed result
interface Header { name: string; value: string }
const pattern: RegExp = /^(?<name>[\w-]+):\s*(?<value>.*?)$/ms;
export default function test(): Header[] {
  const raw = 'Content-Type: text/plain\nX-Multi: a\nb';
  const out: Header[] = [];
  for (const line of raw.split('\n')) {
    const match = pattern.exec(line);
    if (match?.groups) out.push({ name: match.groups.name, value: match.groups.value });
  }
  return out;
}
