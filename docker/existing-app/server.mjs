// The "existing application" of the compose demo (docker/compose.yaml): the application a user is
// already logged in to, whose session cookie holds a signed JWT, as in ZITADEL's JWT IdP guide.
// The nginx WAF in front of it turns that cookie into the JWT header on the JWT endpoint path.
//
// Node's standard library only (node:http, node:crypto): the compose file runs it on the stock
// node image, no image to build. A demo, not a real application: anybody can log in as anybody.
//
//   GET /login?user=NAME  sets the session cookie: an RS256 JWT for NAME, then redirects to /
//   GET /logout           clears it
//   GET /keys             the public key as a JWK set: the JWT IdP's keysEndpoint
//   GET /                 who is logged in, and links (to the demo app when DEMO_APP_URL is set)
//
// Settings (environment): PORT (8080), EXISTING_APP_ISSUER (https://existing-app.local),
// EXISTING_APP_COOKIE (existing_session), EXISTING_APP_TOKEN_TTL_SECONDS (3600), DEMO_APP_URL
// (the new application that logs users in through the bridge, docker/demo-app; no default).
//
// The RSA key is made at start and kept in memory only: after a restart, earlier cookies no
// longer verify (the bridge refuses them as unknown_kid); log in again.

import http from 'node:http';
import { generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';

const PORT = Number(process.env.PORT ?? 8080);
const ISSUER = process.env.EXISTING_APP_ISSUER ?? 'https://existing-app.local';
const COOKIE = process.env.EXISTING_APP_COOKIE ?? 'existing_session';
const TOKEN_TTL_SECONDS = Number(process.env.EXISTING_APP_TOKEN_TTL_SECONDS ?? 3600);
const DEMO_APP_URL = process.env.DEMO_APP_URL;
const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/;

// --- the signing key and its JWK set --------------------------------------------------------

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = randomUUID();
const jwks = {
  keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }],
};

const b64url = (value) => Buffer.from(value).toString('base64url');

/** An RS256 JWT (RSASSA-PKCS1-v1_5 with SHA-256) for this user. */
function tokenFor(user) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid };
  const claims = {
    iss: ISSUER,
    sub: user,
    preferred_username: user,
    name: user.charAt(0).toUpperCase() + user.slice(1),
    email: `${user}@example.com`,
    email_verified: true,
    iat: now,
    exp: now + TOKEN_TTL_SECONDS,
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

/** The claims of a session cookie this app issued and that has not expired, else null. */
function claimsOf(token) {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const signed = verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      publicKey,
      Buffer.from(parts[2], 'base64url'),
    );
    const claims = signed ? JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) : null;
    return claims && claims.exp > Date.now() / 1000 ? claims : null;
  } catch {
    return null; // not one of ours (e.g. signed with the key of an earlier start)
  }
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

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(response, status, title, body) {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(`<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body style="font-family: sans-serif; max-width: 46rem; margin: 2rem auto">
<h1>${escape(title)}</h1>
${body}
</body></html>
`);
}

function redirect(response, location, extraHeaders = {}) {
  response.writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...extraHeaders });
  response.end();
}

function handle(request, response) {
  const url = new URL(request.url, 'http://existing-app');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' });
    response.end();
    return;
  }
  switch (url.pathname) {
    case '/keys':
      response.writeHead(200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'public, max-age=300',
      });
      response.end(JSON.stringify(jwks));
      return;

    case '/login': {
      const user = url.searchParams.get('user') ?? '';
      if (!USER_NAME.test(user)) {
        page(response, 400, 'Existing application', '<p>Log in with <code>/login?user=NAME</code>, NAME being 1 to 64 of <code>A-Z a-z 0-9 . _ -</code>.</p>');
        return;
      }
      // The JWT is the session: HttpOnly, for the whole host, as long as the token lives.
      redirect(response, '/', {
        'Set-Cookie': `${COOKIE}=${tokenFor(user)}; Path=/; Max-Age=${TOKEN_TTL_SECONDS}; HttpOnly; SameSite=Lax`,
      });
      return;
    }

    case '/logout':
      redirect(response, '/', { 'Set-Cookie': `${COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax` });
      return;

    case '/': {
      const claims = claimsOf(cookieOf(request, COOKIE));
      const who = claims
        ? `<p>You are logged in as <b>${escape(claims.sub)}</b> (session until ${new Date(claims.exp * 1000).toISOString()}). <a href="/logout">Log out</a></p>`
        : '<p>You are not logged in. <a href="/login?user=alice">Log in as alice</a> or <a href="/login?user=bob">as bob</a>.</p>';
      const demoApp = DEMO_APP_URL
        ? `<p><a id="demo-app" href="${escape(DEMO_APP_URL)}">Open the demo app</a>: a new application that logs you in through the bridge, with this session.</p>`
        : '';
      page(response, 200, 'Existing application', `${who}
${demoApp}
<p>The session cookie <code>${escape(COOKIE)}</code> holds an RS256 JWT issued by <code>${escape(ISSUER)}</code>;
its keys are at <a href="/keys">/keys</a>. The WAF sends that JWT to the bridge when a new application
asks the bridge to log you in (see docker/README.md).</p>`);
      return;
    }

    default:
      page(response, 404, 'Not found', '<p><a href="/">Existing application</a></p>');
  }
}

const server = http.createServer((request, response) => {
  try {
    handle(request, response);
  } catch (error) {
    console.error('request failed:', error.message);
    if (!response.headersSent) {
      response.writeHead(500);
    }
    response.end();
  }
  // The path only: queries carry codes and flow ids, cookies carry the JWT.
  console.log(`${request.method} ${request.url.split('?')[0]} -> ${response.statusCode}`);
});

server.listen(PORT, () => {
  console.log(`existing app on port ${PORT}, issuer ${ISSUER}, cookie ${COOKIE}, key ${kid}`);
});

// As PID 1 in a container node gets no default signal handling: stop at once on docker stop.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
