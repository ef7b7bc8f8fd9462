// users/get_current_account is an RPC endpoint: POST with no body (and no Content-Type).
// A JSON client that sends `Content-Type: application/json` with an empty body gets HTTP 400,
// so this test calls fetch directly. Needs the account_info.read scope.
// https://www.dropbox.com/developers/documentation/http/documentation#users-get_current_account
export default async function test({ credentials }) {
  const response = await fetch('https://api.dropboxapi.com/2/users/get_current_account', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + credentials.access_token },
  });
  if (!response.ok) {
    throw new Error('Dropbox users/get_current_account failed: HTTP ' + response.status);
  }
  const account = await response.json();
  return Boolean(account?.account_id);
}
