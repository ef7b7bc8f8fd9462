// authdesk-load-error: regex-unicode-property-rejected.ts:4:32: Unicode property escapes (\p{...}) in regular expressions are not supported by Qt 6.4's JavaScript engine
// \p{...}: refused at load in TypeScript too, at the original position (after the removed types)
const letters: RegExp = /[a-z]+/i;
const words: Array<string> = [/\p{L}+/u.source];
export default function test(): unknown { return [letters.source, words]; }
