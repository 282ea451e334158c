// SPDX-License-Identifier: AGPL-3.0-only
// A real OpenID provider for the tests: the certified `oidc-provider` package (pinned in
// .ci/npm), on a loopback port, with a test client, a few people, and a login page of its own.
//
//   node oidc_provider.mjs <path of the oidc-provider package> '<JSON configuration>'
//
// The configuration: { "port", "clients": [{ "client_id", "client_secret", "redirect_uris" }],
// "accounts": { "<subject>": { claims… } } }. It prints `ready <issuer>` once it listens.
//
// Besides the provider's own endpoints, a few test controls (loopback only, like the rest):
//   POST /__test/tamper?mode=M[&issuer=U]  the next token response's ID token is forged:
//        resign   the same claims signed again with the provider's key (the control case)
//        nonce    another nonce          audience  another audience
//        issuer   iss = U (another provider's issuer: the mix-up)
//        expired  expired an hour ago    key       signed by another key, under the same kid
//        none     unsigned (alg none)
//   POST /__test/rotate  the signing key is replaced by a new one (new kid): the old one is
//        gone from the JWKS, as after a provider rotates its keys.
// The forging happens here, in the test's provider, with Node's crypto; what is tested is the
// server's verification of what it receives.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageDir, rawConfig] = process.argv.slice(2);
const config = JSON.parse(rawConfig);
const { default: Provider } = await import(pathToFileURL(join(packageDir, 'lib', 'index.js')).href);
const issuer = `http://127.0.0.1:${config.port}`;

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  return { privateKey, kid, jwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

let key = newKey();
let tamper = null;

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const parse = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

function signed(header, payload, privateKey) {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

function forge(idToken, how) {
  const [h, p] = idToken.split('.');
  const header = parse(h);
  const payload = parse(p);
  const now = Math.floor(Date.now() / 1000);
  switch (how.mode) {
    case 'resign': return signed(header, payload, key.privateKey);
    case 'nonce': return signed(header, { ...payload, nonce: 'a-nonce-this-sign-in-never-sent' }, key.privateKey);
    case 'audience': return signed(header, { ...payload, aud: 'another-client', azp: 'another-client' }, key.privateKey);
    case 'issuer': return signed(header, { ...payload, iss: how.issuer }, key.privateKey);
    case 'expired': return signed(header, { ...payload, iat: now - 7200, exp: now - 3600 }, key.privateKey);
    case 'key': return signed(header, payload, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    case 'none': return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    default: throw new Error(`unknown tamper mode ${how.mode}`);
  }
}

const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider</title></head><body><main>${body}</main></body></html>`;
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function build() {
  const provider = new Provider(issuer, {
    clients: config.clients.map((c) => ({
      ...c, response_types: ['code'], grant_types: ['authorization_code'],
    })),
    jwks: { keys: [key.jwk] },
    cookies: { keys: ['the test provider signs its cookies with this'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'locale', 'birthdate'],
      address: ['address'],
      city: ['area', 'birth_year'],
    },
    scopes: ['openid', 'email', 'profile', 'address', 'city', 'offline_access'],
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    async findAccount(ctx, sub) {
      const claims = config.accounts[sub];
      if (!claims) return undefined;
      return { accountId: sub, async claims() { return { sub, ...claims }; } };
    },
    // First-party test client: what it asks for is granted without a consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const found = await ctx.oidc.provider.Grant.find(grantId);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope);
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    const interaction = ctx.path.match(/^\/interaction\/([^/]+)(\/login|\/abort)?$/);
    if (interaction) {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (ctx.method === 'GET') {
        ctx.type = 'html';
        ctx.body = page(`<h1>Sign in to the test provider</h1>
<form method="post" action="/interaction/${escape(details.uid)}/login">
<label for="login">Who are you?</label> <input id="login" name="login" autocomplete="off">
<button type="submit" id="provider-sign-in">Sign in</button></form>
<form method="post" action="/interaction/${escape(details.uid)}/abort"><button type="submit" id="provider-cancel">Cancel</button></form>`);
        return;
      }
      const result = interaction[2] === '/login'
        ? { login: { accountId: (await formBody(ctx.req)).get('login') } }
        : { error: 'access_denied', error_description: 'the person cancelled' };
      if (result.login && !config.accounts[result.login.accountId]) {
        ctx.status = 400;
        ctx.body = 'unknown person';
        return;
      }
      ctx.respond = false;
      await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
      return;
    }
    await next();
    if (ctx.path === '/token' && tamper && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: forge(ctx.body.id_token, tamper) };
      tamper = null;
    }
  });
  return provider;
}

let provider = build();
const server = createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  if (req.method === 'POST' && url.pathname === '/__test/tamper') {
    tamper = { mode: url.searchParams.get('mode'), issuer: url.searchParams.get('issuer') };
    res.end('ok');
    return;
  }
  if (req.method === 'POST' && url.pathname === '/__test/rotate') {
    key = newKey();
    provider = build();
    res.end(key.kid);
    return;
  }
  provider.callback()(req, res);
});
server.listen(config.port, '127.0.0.1', () => console.log(`ready ${issuer}`));
