// const enums: Authdesk emits them as objects (isolated modules, as transpileModule does)
const enum Status { Active = 'ACTIVE', Disabled = 'DISABLED' }
const enum Level { Low = 1, High = 3 }
export const enum Exported { X = 'x' }
export default function test(): unknown {
  const s: Status = Status.Active;
  return [s, Level.High, Level.Low + Level.High, Exported.X, s === Status.Active ? 'yes' : 'no'];
}
