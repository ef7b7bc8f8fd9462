// Slack oauth.v2.access nests the USER token under `authed_user`; the top-level
// access_token (if any) is the BOT token. Lift the user token to the top level so the
// generic engine (Bearer header, refresh, expiry) uses it, and keep the bot token aside.
// https://docs.slack.dev/reference/methods/oauth.v2.access
export default async function getCredentialsFromAccessTokenResponse({ tokenResponse }) {
  if (!tokenResponse || tokenResponse.ok === false) {
    // Slack reports errors as HTTP 200 with {"ok": false, "error": "..."}.
    throw new Error('Slack oauth.v2.access failed: ' + (tokenResponse?.error ?? 'empty response'));
  }
  const user = tokenResponse.authed_user ?? {};
  if (!user.access_token && !tokenResponse.access_token) {
    throw new Error('Slack returned no access token; request at least one user scope.');
  }

  const credentials = {};
  const put = (key, value) => {
    if (value !== undefined && value !== null) credentials[key] = value;
  };

  if (user.access_token) {
    put('access_token', user.access_token);
    put('token_type', user.token_type ?? 'user');
    put('scope', user.scope);
    put('refresh_token', user.refresh_token); // present only with token rotation
    put('expires_in', user.expires_in);
    // Bot token and its rotation data, when bot scopes were also granted.
    put('bot_access_token', tokenResponse.access_token);
    put('bot_scope', tokenResponse.scope);
    put('bot_refresh_token', tokenResponse.refresh_token);
    put('bot_user_id', tokenResponse.bot_user_id);
  }
  put('user_id', user.id);
  put('team_id', tokenResponse.team?.id);
  put('team_name', tokenResponse.team?.name);
  put('enterprise_id', tokenResponse.enterprise?.id);
  put('app_id', tokenResponse.app_id);
  return credentials;
}
