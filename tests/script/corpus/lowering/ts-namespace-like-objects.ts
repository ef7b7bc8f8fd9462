// plain objects and functions with properties instead of namespaces; typeof and keyof in types
const Errors = { notFound: (what: string) => new Error(`${what} not found`), codes: { missing: 404 } } as const;
type ErrorCode = (typeof Errors.codes)[keyof typeof Errors.codes];
function helper(): string { return 'helper'; }
helper.version = 1;
export default function test(): unknown {
  const code: ErrorCode = Errors.codes.missing;
  return [Errors.notFound('thing').message, code, helper(), helper.version];
}
