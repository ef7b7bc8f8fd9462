// A typical OAuth 2.0 token request body.
var body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: 'SplxlOBeZQQYbYS6WxSbIA',
    redirect_uri: 'http://127.0.0.1:8123/callback?x=1&y=2',
    code_verifier: 'dBjftJeZ4CVP-mJ92K9qgN5bM0TVU_d8hqv4YQ9a3cw~',
    scope: 'openid profile email offline_access'
});
report(body.toString());
