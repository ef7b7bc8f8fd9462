// exported enums used inside functions and as object keys
export enum GrantType { AuthorizationCode = 'authorization_code', Refresh = 'refresh_token' }
export enum Priority { Low = 1, Normal, High }
const labels: Record<GrantType, string> = { [GrantType.AuthorizationCode]: 'code', [GrantType.Refresh]: 'refresh' };
export function test(): unknown {
  return [GrantType.Refresh, labels[GrantType.AuthorizationCode], Priority.High, Priority[2], Object.values(GrantType)];
}
