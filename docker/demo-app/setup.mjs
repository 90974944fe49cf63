// The demo app's set-up at the bridge, done through the bridge's admin API as an operator would
// (docs/admin-api.md): an admin token with client_credentials, then the JWT IdP of the existing
// application and the demo app's OIDC application. Idempotent: an IdP or an app that already
// exists (same name) is reused and brought up to date, so a restart, or a second `docker compose
// up` on the same database, changes nothing but the app's client secret, which the bridge shows
// only when it makes one.
//
// Used by server.mjs at start. Node's standard library only. Nothing here is logged but names,
// ids and client ids: never the admin secret, a token or the app's client secret.

/** Client authentication of RFC 6749 2.3.1: id and secret form-encoded, then HTTP Basic. */
export function basicAuth(clientId, clientSecret) {
  const credentials = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/**
 * The JSON answer of an HTTP call; anything but a 200 is an error saying what failed, with the
 * bridge's own reason (its error bodies never hold a secret). Options: authorization (the header
 * value), json or form (the body).
 */
export async function callJson(url, method, { authorization, json, form } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (authorization) {
    headers.Authorization = authorization;
  }
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(url, {
    method,
    headers,
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status !== 200) {
    const reason = answer.message ?? answer.error_description ?? answer.error ?? '';
    throw new Error(`${method} ${new URL(url).pathname}: HTTP ${response.status} ${reason}`.trim());
  }
  return answer;
}

/**
 * Makes sure the bridge has the JWT IdP and the OIDC app described by `settings`, and answers
 * { idpId, clientId, clientSecret } for the app to log users in with.
 *
 * settings: bridgeUrl (the bridge as this process reaches it), adminClientId, adminClientSecret,
 * idp: { name, jwtEndpoint, issuer, keysEndpoint, headerName }, app: { name, redirectUri }.
 */
export async function setUp(settings, log = console.log) {
  const { bridgeUrl, idp, app } = settings;
  const { access_token: token } = await callJson(`${bridgeUrl}/oauth/v2/token`, 'POST', {
    authorization: basicAuth(settings.adminClientId, settings.adminClientSecret),
    form: { grant_type: 'client_credentials', scope: 'admin' },
  });
  const admin = (method, path, json) =>
    callJson(bridgeUrl + path, method, { authorization: `Bearer ${token}`, json });

  // The JWT IdP: where the browser goes (the WAF), whose JWTs it accepts, where the bridge
  // fetches their keys, and the header the WAF puts the JWT in.
  const jwtConfig = {
    jwtEndpoint: idp.jwtEndpoint,
    issuer: idp.issuer,
    keysEndpoint: idp.keysEndpoint,
    headerName: idp.headerName,
  };
  const idps = await admin('POST', '/admin/v1/idps/_search', {
    queries: [{ idpNameQuery: { name: idp.name, method: 'TEXT_QUERY_METHOD_EQUALS' } }],
  });
  const found = idps.result?.[0];
  let idpId = found?.id;
  if (found) {
    // The bridge, as ZITADEL, refuses a change that changes nothing.
    const changed = Object.keys(jwtConfig).some((name) => found.jwtConfig?.[name] !== jwtConfig[name]);
    if (changed) {
      await admin('PUT', `/admin/v1/idps/${idpId}/jwt_config`, jwtConfig);
    }
    log(`IdP "${idp.name}" exists (${idpId})${changed ? ': JWT settings brought up to date' : ''}`);
  } else {
    ({ idpId } = await admin('POST', '/admin/v1/idps/jwt', { name: idp.name, ...jwtConfig, autoRegister: true }));
    log(`IdP "${idp.name}" created (${idpId})`);
  }

  // The OIDC app: a confidential web app (client_secret_basic) whose access token is opaque;
  // the app hands it to userinfo.
  const oidcConfig = {
    redirectUris: [app.redirectUri],
    appType: 'OIDC_APP_TYPE_WEB',
    authMethodType: 'OIDC_AUTH_METHOD_TYPE_BASIC',
    grantTypes: ['OIDC_GRANT_TYPE_AUTHORIZATION_CODE'],
    accessTokenType: 'OIDC_TOKEN_TYPE_BEARER',
  };
  const apps = await admin('POST', '/admin/v1/apps/_search', { queries: [{ nameQuery: { name: app.name } }] });
  // The app name query matches parts of names: keep the exact one.
  const existing = (apps.result ?? []).find((candidate) => candidate.name === app.name);
  if (existing) {
    const changed = Object.keys(oidcConfig).some(
      (name) => JSON.stringify(existing.oidcConfig?.[name]) !== JSON.stringify(oidcConfig[name]),
    );
    if (changed) {
      await admin('PUT', `/admin/v1/apps/${existing.id}/oidc_config`, oidcConfig);
    }
    // The bridge keeps only a hash of the secret: the way to have one is to make a new one.
    const { clientSecret } = await admin('POST', `/admin/v1/apps/${existing.id}/_generate_client_secret`);
    const clientId = existing.oidcConfig.clientId;
    log(`app "${app.name}" exists (client id ${clientId})${changed ? ': settings brought up to date' : ''}, new client secret`);
    return { idpId, clientId, clientSecret };
  }
  const created = await admin('POST', '/admin/v1/apps/oidc', { name: app.name, ...oidcConfig });
  log(`app "${app.name}" created (client id ${created.clientId})`);
  return { idpId, clientId: created.clientId, clientSecret: created.clientSecret };
}
