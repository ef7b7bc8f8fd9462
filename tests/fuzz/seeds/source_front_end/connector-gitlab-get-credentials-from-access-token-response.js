// makeApiClient only sees `credentials`, so remember which GitLab instance issued the token.
export default async function getCredentialsFromAccessTokenResponse({ connectionParameters, connectionInput }) {
  const input = connectionParameters ?? connectionInput ?? {};
  const baseUrl = String(input.baseUrl || 'https://gitlab.com').replace(/\/+$/, '');
  return { baseUrl };
}
