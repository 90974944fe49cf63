// The demo app of the compose stack (docker/compose.yaml): the "new application" of ZITADEL's JWT
// IdP guide, an OpenID Connect relying party that logs users in through the bridge, which takes
// the session they already have at the existing application (through the WAF).
//
// Node's standard library only (node:http, node:crypto, fetch): the compose file runs it on the
// stock node image, no image to build. At start it registers itself at the bridge (setup.mjs:
// the JWT IdP and its OIDC app, through the admin API) and reads the bridge's discovery document.
//
//   GET /          the claims of the signed-in user (ID token and userinfo); else starts a login
//   GET /login     starts a login: authorization code flow with PKCE (S256), state and nonce
//   GET /callback  the redirect_uri: checks state and iss, redeems the code over the back
//                  channel (client_secret_basic), checks the ID token, calls userinfo
//   GET /health    200 once set up, 503 before (the compose health check)
//
// Settings (environment):
//   PORT                         port to listen on (8001)
//   DEMO_APP_URL                 this app as the browser reaches it (http://localhost:8001); the
//                                redirect_uri is DEMO_APP_URL/callback
//   BRIDGE_ISSUER                the bridge's issuer: the URL the browser uses (http://localhost:8080)
//   BRIDGE_URL                   the bridge as this process reaches it, for back-channel calls
//                                (http://bridge:8080 in compose; default BRIDGE_ISSUER)
//   BRIDGE_ADMIN_CLIENT_ID       admin client for the set-up (admin)
//   BRIDGE_ADMIN_CLIENT_SECRET   its secret (required)
//   DEMO_APP_NAME                the app's name at the bridge (demo-app)
//   IDP_NAME                     the JWT IdP's name (existing-app)
//   IDP_JWT_ENDPOINT             the WAF's JWT endpoint as the browser sees it (http://localhost:8000/auth/jwt)
//   IDP_ISSUER                   the iss of the existing app's JWTs (https://existing-app.local)
//   IDP_KEYS_ENDPOINT            their keys, as the bridge reaches them (http://existing-app:8080/keys)
//   IDP_HEADER_NAME              the header the WAF puts the JWT in (x-custom-tkn)
//
// The ID token comes straight from the token endpoint over the back channel, so its signature
// is not checked (OpenID Connect Core 3.1.3.7, point 6; with an https bridge that channel is
// TLS); its iss, aud, azp, nonce and exp are. A demo: logins and sessions live in memory only.
// Never logged: tokens, codes, state, client secrets; the app logs one line per request, the
// path only.

import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { basicAuth, callJson, setUp } from './setup.mjs';

const env = process.env;
const PORT = Number(env.PORT ?? 8001);
const APP_URL = (env.DEMO_APP_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, '');
const ISSUER = env.BRIDGE_ISSUER ?? 'http://localhost:8080';
const BRIDGE_URL = (env.BRIDGE_URL ?? ISSUER).replace(/\/+$/, '');
const REDIRECT_URI = `${APP_URL}/callback`;
const IDP_JWT_ENDPOINT = env.IDP_JWT_ENDPOINT ?? 'http://localhost:8000/auth/jwt';
const SETTINGS = {
  bridgeUrl: BRIDGE_URL,
  adminClientId: env.BRIDGE_ADMIN_CLIENT_ID ?? 'admin',
  adminClientSecret: env.BRIDGE_ADMIN_CLIENT_SECRET,
  idp: {
    name: env.IDP_NAME ?? 'existing-app',
    jwtEndpoint: IDP_JWT_ENDPOINT,
    issuer: env.IDP_ISSUER ?? 'https://existing-app.local',
    keysEndpoint: env.IDP_KEYS_ENDPOINT ?? 'http://existing-app:8080/keys',
    headerName: env.IDP_HEADER_NAME ?? 'x-custom-tkn',
  },
  app: { name: env.DEMO_APP_NAME ?? 'demo-app', redirectUri: REDIRECT_URI },
};
// Where a browser logs in at the existing app: through the WAF, on the JWT endpoint's host.
const EXISTING_APP_LOGIN = new URL('/login', IDP_JWT_ENDPOINT).toString();
const LOGIN_COOKIE = 'demo_app_login';
const SESSION_COOKIE = 'demo_app_session';
const SECURE = APP_URL.startsWith('https:') ? '; Secure' : '';
const LOGIN_TTL_MS = 10 * 60 * 1000;
const SESSION_TTL_MS = 60 * 60 * 1000;

if (!SETTINGS.adminClientSecret) {
  console.error('BRIDGE_ADMIN_CLIENT_SECRET is required: the demo app registers itself at the bridge with it');
  process.exit(1);
}

// Set once at start: { idpId, clientId, clientSecret, authorizationEndpoint, tokenEndpoint, userinfoEndpoint }.
let client = null;

// --- logins in progress and sessions, in memory ---------------------------------------------

const random = () => randomBytes(32).toString('base64url');
const logins = new Map(); // cookie value -> { state, nonce, verifier, expires }
const sessions = new Map(); // cookie value -> { idToken, userinfo, expires }

function remember(map, value, ttl) {
  const now = Date.now();
  for (const [key, entry] of map) {
    if (entry.expires <= now || map.size > 10_000) {
      map.delete(key); // the oldest first: a Map keeps insertion order
    }
  }
  const id = random();
  map.set(id, { ...value, expires: now + ttl });
  return id;
}

function recall(map, id, { once = false } = {}) {
  const entry = id ? map.get(id) : undefined;
  if (once) {
    map.delete(id);
  }
  return entry && entry.expires > Date.now() ? entry : null;
}

// --- OpenID Connect -------------------------------------------------------------------------

/** Endpoints of the discovery document are the browser's URLs: back-channel calls go to BRIDGE_URL. */
function backChannel(url) {
  return url.startsWith(`${ISSUER}/`) ? BRIDGE_URL + url.slice(ISSUER.length) : url;
}

async function start() {
  const discovery = await callJson(`${BRIDGE_URL}/.well-known/openid-configuration`, 'GET');
  if (discovery.issuer !== ISSUER) {
    throw new Error(`the bridge's issuer is ${discovery.issuer}, not BRIDGE_ISSUER ${ISSUER}`);
  }
  const registration = await setUp(SETTINGS);
  client = {
    ...registration,
    authorizationEndpoint: discovery.authorization_endpoint,
    tokenEndpoint: backChannel(discovery.token_endpoint),
    userinfoEndpoint: backChannel(discovery.userinfo_endpoint),
  };
  console.log(`demo app ready: open ${APP_URL}/ (client id ${client.clientId}, IdP ${client.idpId})`);
}

/** The authorize request, and the login kept for this browser until the callback. */
function beginLogin() {
  const login = { state: random(), nonce: random(), verifier: random() };
  const challenge = createHash('sha256').update(login.verifier).digest('base64url');
  const authorize = new URL(client.authorizationEndpoint);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: REDIRECT_URI,
    // The IdP scope sends the browser straight to the existing app's WAF, no login page.
    scope: `openid profile email urn:zitadel:iam:org:idp:id:${client.idpId}`,
    state: login.state,
    nonce: login.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })) {
    authorize.searchParams.set(name, value);
  }
  return { url: authorize.toString(), id: remember(logins, login, LOGIN_TTL_MS) };
}

class LoginRefused extends Error {}

/** The payload of a JWT, not verified (see the top of this file). */
function payloadOf(jwt) {
  const parts = String(jwt ?? '').split('.');
  if (parts.length !== 3) {
    throw new LoginRefused('the token response holds no ID token');
  }
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new LoginRefused('the ID token cannot be read');
  }
}

/** OpenID Connect Core 3.1.3.7: the checks that stand without the signature. */
function checkIdToken(claims, nonce) {
  const audiences = [].concat(claims.aud ?? []);
  if (claims.iss !== ISSUER) {
    throw new LoginRefused('the ID token is from another issuer');
  }
  if (!audiences.includes(client.clientId) || ((audiences.length > 1 || claims.azp) && claims.azp !== client.clientId)) {
    throw new LoginRefused('the ID token is for another app');
  }
  if (claims.nonce !== nonce) {
    throw new LoginRefused('the ID token nonce is not the one this login sent');
  }
  if (!(typeof claims.exp === 'number' && claims.exp * 1000 > Date.now())) {
    throw new LoginRefused('the ID token has expired');
  }
}

/** The code, redeemed over the back channel; answers the checked ID token claims and userinfo. */
async function redeem(code, login) {
  let tokens;
  try {
    tokens = await callJson(client.tokenEndpoint, 'POST', {
      authorization: basicAuth(client.clientId, client.clientSecret),
      form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: login.verifier },
    });
  } catch (error) {
    throw new LoginRefused(`the token endpoint refused the code (${error.message})`);
  }
  const idToken = payloadOf(tokens.id_token);
  checkIdToken(idToken, login.nonce);
  let userinfo;
  try {
    userinfo = await callJson(client.userinfoEndpoint, 'GET', { authorization: `Bearer ${tokens.access_token}` });
  } catch (error) {
    throw new LoginRefused(`userinfo refused the access token (${error.message})`);
  }
  if (userinfo.sub !== idToken.sub) {
    throw new LoginRefused('userinfo is about another user than the ID token');
  }
  return { idToken, userinfo };
}

// --- HTTP ---------------------------------------------------------------------------------

function cookieOf(request, name) {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) {
      return pair.slice(at + 1).trim();
    }
  }
  return null;
}

const cookie = (name, value, maxAge) =>
  `${name}=${value}; Path=/; HttpOnly; SameSite=Lax${SECURE}${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(response, status, title, body, headers = {}) {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto}table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}</style></head>
<body><main>
<h1>${escape(title)}</h1>
${body}
</main></body></html>
`);
}

function redirect(response, location, headers = {}) {
  response.writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...headers });
  response.end();
}

function claimsTable(id, claims) {
  const rows = Object.keys(claims)
    .sort()
    .map((name) => {
      const value = claims[name];
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      const time = ['exp', 'iat', 'auth_time', 'nbf'].includes(name) && typeof value === 'number'
        ? ` (${new Date(value * 1000).toISOString()})`
        : '';
      return `<tr><th>${escape(name)}</th><td>${escape(shown)}${time}</td></tr>`;
    })
    .join('\n');
  return `<table id="${id}">\n${rows}\n</table>`;
}

const tryAgain = `<p>Log in at the existing application first, through the WAF:
<a href="${escape(`${EXISTING_APP_LOGIN}?user=alice`)}">as alice</a> or
<a href="${escape(`${EXISTING_APP_LOGIN}?user=bob`)}">as bob</a>, then <a href="/login">sign in here again</a>.</p>`;

async function handle(request, response) {
  const url = new URL(request.url, APP_URL);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' });
    response.end();
    return;
  }
  if (url.pathname === '/health') {
    response.writeHead(client ? 200 : 503, { 'Content-Type': 'text/plain' });
    response.end(client ? 'UP' : 'setting up');
    return;
  }
  if (!client) {
    page(response, 503, 'Demo app', '<p>Still setting up at the bridge (it may still be starting): try again in a few seconds.</p>', { 'Retry-After': '5' });
    return;
  }
  switch (url.pathname) {
    case '/': {
      const session = recall(sessions, cookieOf(request, SESSION_COOKIE));
      if (!session) {
        redirect(response, '/login');
        return;
      }
      const who = session.idToken.preferred_username ?? session.idToken.sub;
      page(response, 200, 'Demo app: signed in', `<p id="signed-in">Signed in through the JWT IdP bridge as <b>${escape(who)}</b>.</p>
<h2>ID token</h2>
<p>From the bridge's token endpoint; iss, aud, nonce and exp checked.</p>
${claimsTable('id-token-claims', session.idToken)}
<h2>Userinfo</h2>
<p>The bridge's userinfo endpoint, called with the access token.</p>
${claimsTable('userinfo-claims', session.userinfo)}
<p><a href="/login">Sign in again</a> (the bridge's session answers at once, without the WAF).</p>`);
      return;
    }

    case '/login': {
      const login = beginLogin();
      redirect(response, login.url, { 'Set-Cookie': cookie(LOGIN_COOKIE, login.id, LOGIN_TTL_MS / 1000) });
      return;
    }

    case '/callback': {
      const params = url.searchParams;
      const login = recall(logins, cookieOf(request, LOGIN_COOKIE), { once: true });
      const clear = { 'Set-Cookie': cookie(LOGIN_COOKIE, '', 0) };
      if (!login) {
        page(response, 400, 'Sign-in failed', '<p>No sign-in was started in this browser, or it took more than 10 minutes. <a href="/login">Start again</a>.</p>', clear);
        return;
      }
      if (params.get('state') !== login.state) {
        page(response, 400, 'Sign-in failed', '<p>The answer does not belong to the sign-in this browser started (state differs). <a href="/login">Start again</a>.</p>', clear);
        return;
      }
      if (params.has('iss') && params.get('iss') !== ISSUER) {
        page(response, 400, 'Sign-in failed', `<p>The answer comes from another issuer than ${escape(ISSUER)} (iss differs). <a href="/login">Start again</a>.</p>`, clear);
        return;
      }
      if (params.has('error')) {
        page(response, 403, 'Sign-in refused', `<p>The bridge did not sign you in:
<code id="error">${escape(params.get('error'))}</code> — ${escape(params.get('error_description') ?? '')}</p>
${tryAgain}`, clear);
        return;
      }
      try {
        const signedIn = await redeem(params.get('code') ?? '', login);
        const session = remember(sessions, signedIn, SESSION_TTL_MS);
        redirect(response, '/', { 'Set-Cookie': [clear['Set-Cookie'], cookie(SESSION_COOKIE, session)] });
      } catch (error) {
        if (!(error instanceof LoginRefused)) {
          throw error;
        }
        console.log(`sign-in refused: ${error.message}`);
        page(response, 502, 'Sign-in failed', `<p>${escape(error.message)}. <a href="/login">Start again</a>.</p>`, clear);
      }
      return;
    }

    default:
      page(response, 404, 'Not found', '<p><a href="/">Demo app</a></p>');
  }
}

const server = http.createServer(async (request, response) => {
  try {
    await handle(request, response);
  } catch (error) {
    console.error('request failed:', error.message);
    if (!response.headersSent) {
      response.writeHead(500);
    }
    response.end();
  }
  // The path only: the callback's query carries the code and the state.
  console.log(`${request.method} ${request.url.split('?')[0]} -> ${response.statusCode}`);
});

server.listen(PORT, () => {
  console.log(`demo app on port ${PORT}, redirect_uri ${REDIRECT_URI}, bridge ${ISSUER} (back channel ${BRIDGE_URL})`);
});

// As PID 1 in a container node gets no default signal handling: stop at once on docker stop.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}

// Set up at the bridge, again and again until it answers (it may start after this app).
for (let attempt = 1; !client; attempt++) {
  try {
    await start();
  } catch (error) {
    const reason = error.cause?.code ?? error.message;
    console.log(`set-up at ${BRIDGE_URL} failed (attempt ${attempt}: ${reason}); next try in 3 s`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

