// 3LO tokens are not tied to one site: API calls go through api.atlassian.com/ex/jira/{cloudId},
// so look up the sites the token can reach and remember one.
// https://developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api/
export default async function getCredentialsFromAccessTokenResponse({ tokenResponse }) {
  const response = await fetch('https://api.atlassian.com/oauth/token/accessible-resources', {
    headers: {
      Authorization: 'Bearer ' + tokenResponse.access_token,
      Accept: 'application/json',
    },
  });
  if (!response.ok) {
    throw new Error('Atlassian accessible-resources failed: HTTP ' + response.status);
  }
  const resources = await response.json();
  if (!Array.isArray(resources) || resources.length === 0) {
    throw new Error('The token gives access to no Atlassian site.');
  }
  // Prefer a site on which Jira scopes were granted (a Confluence-only site may come first).
  const site =
    resources.find((r) => Array.isArray(r.scopes) && r.scopes.some((s) => s.includes('jira'))) ??
    resources[0];
  return { cloudId: site.id, siteUrl: site.url, siteName: site.name };
}
