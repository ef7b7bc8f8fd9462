export default async function getCredentialsFromAccessTokenResponse({
  tokenResponse,
  request,
  connectionParameters,
}) {
  return {
    ...tokenResponse,
    realmId: request.query.realmId,
    isSandbox: connectionParameters?.isSandbox ?? false,
  }
}
