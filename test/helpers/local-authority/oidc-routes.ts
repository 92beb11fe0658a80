import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tenantOfPath, type AuthorityDirectory, type TestTenant } from './directory';
import { pkceMatches, resourceOfScope, type TokenMinter } from './token-minter';

/** One token grant the authority answered (for assertions: was a refresh really made?). */
export interface GrantRecord {
  grantType: string;
  tenant: string;
  scope: string;
}

/** Mutable state of the OpenID side: codes, device codes, refresh tokens, what was issued. */
export interface OidcState {
  origin: string;
  directory: AuthorityDirectory;
  minter: TokenMinter;
  accessTokenLifetimeSeconds: number;
  codes: Map<string, { clientId: string; redirectUri: string; challenge: string; nonce?: string; tenant: string }>;
  deviceCodes: Map<string, { userCode: string; approved: boolean; tenant: string }>;
  refreshTokens: Map<string, { clientId: string }>;
  grants: GrantRecord[];
  /** Every token and code handed out, so tests can scan for them. */
  issued: { accessTokens: string[]; idTokens: string[]; refreshTokens: string[] };
}

/** Entra ID accepts the RFC 8628 URN and the short form that msal sends. */
const deviceCodeGrants = ['urn:ietf:params:oauth:grant-type:device_code', 'device_code'];

/** The issuer of one tenant's tokens. */
export function issuerOf(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

/** Answers the OpenID Connect endpoints; returns false when the path is not one of them. */
export async function handleOidc(state: OidcState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const [tenant = '', ...rest] = url.pathname.slice(1).split('/');
  const path = rest.join('/');
  if (req.method === 'GET' && url.pathname === '/discovery/v2.0/keys') return json(res, 200, state.minter.jwks);
  if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') return json(res, 200, openIdConfiguration(state.origin, tenant));
  if (req.method === 'GET' && path === 'oauth2/v2.0/authorize') return authorize(state, res, url, tenant);
  if (req.method === 'POST' && path === 'oauth2/v2.0/devicecode') return deviceCode(state, res, tenant);
  if (req.method === 'POST' && path === 'oauth2/v2.0/token') return token(state, res, await form(req), tenant);
  if (req.method === 'POST' && url.pathname === '/devicelogin') {
    const userCode = (await form(req)).get('user_code') ?? '';
    const entry = [...state.deviceCodes.values()].find((d) => d.userCode === userCode);
    if (entry) entry.approved = true;
    return json(res, entry ? 200 : 404, { approved: Boolean(entry) });
  }
  return false;
}

function openIdConfiguration(origin: string, tenant: string): Record<string, unknown> {
  const base = `${origin}/${tenant}`;
  return {
    issuer: issuerOf(origin, tenant === 'organizations' || tenant === 'common' ? '{tenantid}' : tenant),
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${origin}/discovery/v2.0/keys`,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    code_challenge_methods_supported: ['S256'],
  };
}

/** The user consents at once; the answer is a self-submitting form_post to the loopback redirect, as Entra ID does. */
function authorize(state: OidcState, res: ServerResponse, url: URL, tenant: string): boolean {
  const q = url.searchParams;
  const redirectUri = q.get('redirect_uri') ?? '';
  if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !/^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/.test(redirectUri)) {
    return json(res, 400, { error: 'invalid_request', error_description: 'AADSTS900144: code flow with S256 PKCE and a loopback redirect is required.' });
  }
  const code = randomBytes(24).toString('base64url');
  const nonce = q.get('nonce') ?? undefined;
  state.codes.set(code, { clientId: q.get('client_id') ?? '', redirectUri, challenge: q.get('code_challenge') ?? '', tenant, ...(nonce ? { nonce } : {}) });
  const fields = { code, state: q.get('state') ?? '', client_info: clientInfo(state) };
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`).join('');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<html><body><form method="post" action="${redirectUri}">${inputs}</form><script>document.forms[0].submit()</script></body></html>`);
  return true;
}

function deviceCode(state: OidcState, res: ServerResponse, tenant: string): boolean {
  const device = randomBytes(24).toString('base64url');
  const userCode = randomBytes(4).toString('hex').toUpperCase();
  state.deviceCodes.set(device, { userCode, approved: false, tenant });
  return json(res, 200, {
    device_code: device,
    user_code: userCode,
    verification_uri: `${state.origin}/devicelogin`,
    expires_in: 900,
    interval: 1,
    message: `To sign in, use a web browser to open the page ${state.origin}/devicelogin and enter the code ${userCode} to authenticate.`,
  });
}

async function token(state: OidcState, res: ServerResponse, body: URLSearchParams, pathTenant: string): Promise<boolean> {
  const grantType = body.get('grant_type') ?? '';
  const scope = body.get('scope') ?? '';
  const clientId = body.get('client_id') ?? '';
  state.grants.push({ grantType, tenant: pathTenant, scope });
  const tenant = tenantOfPath(state.directory, pathTenant);
  if (!tenant) return oauthError(res, 'invalid_request', `AADSTS90002: Tenant '${pathTenant}' not found.`);
  let nonce: string | undefined;
  if (grantType === 'authorization_code') {
    const entry = state.codes.get(body.get('code') ?? '');
    state.codes.delete(body.get('code') ?? '');
    if (!entry || entry.clientId !== clientId || entry.redirectUri !== body.get('redirect_uri')) return oauthError(res, 'invalid_grant', 'AADSTS70000: The code is invalid or was already used.');
    if (!pkceMatches(body.get('code_verifier') ?? '', entry.challenge)) return oauthError(res, 'invalid_grant', 'AADSTS501481: The Code_Verifier does not match the code_challenge.');
    nonce = entry.nonce;
  } else if (deviceCodeGrants.includes(grantType)) {
    const entry = state.deviceCodes.get(body.get('device_code') ?? '');
    if (!entry) return oauthError(res, 'expired_token', 'AADSTS70019: The device code expired.');
    if (!entry.approved) return oauthError(res, 'authorization_pending', 'AADSTS70016: The user has not signed in yet.');
    state.deviceCodes.delete(body.get('device_code') ?? '');
  } else if (grantType === 'refresh_token') {
    const presented = body.get('refresh_token') ?? '';
    if (state.refreshTokens.get(presented)?.clientId !== clientId) return oauthError(res, 'invalid_grant', 'AADSTS700082: The refresh token has expired or was revoked.');
    state.refreshTokens.delete(presented);
  } else {
    return oauthError(res, 'unsupported_grant_type', `AADSTS70003: grant_type ${grantType} is not supported.`);
  }
  return json(res, 200, await issueTokens(state, tenant, clientId, scope, nonce));
}

async function issueTokens(state: OidcState, tenant: TestTenant, clientId: string, scope: string, nonce: string | undefined): Promise<Record<string, unknown>> {
  const resourceScopes = scope.split(' ').filter((s) => resourceOfScope(s));
  const audience = resourceOfScope(resourceScopes[0] ?? '') ?? clientId;
  const issuer = issuerOf(state.origin, tenant.tenantId);
  const { user } = state.directory;
  const accessToken = await state.minter.accessToken(issuer, audience, user, tenant.tenantId, state.accessTokenLifetimeSeconds, 'user_impersonation');
  const idToken = await state.minter.idToken(issuer, clientId, user, tenant.tenantId, nonce);
  const refreshToken = `rt.${randomBytes(32).toString('base64url')}`;
  state.refreshTokens.set(refreshToken, { clientId });
  state.issued.accessTokens.push(accessToken);
  state.issued.idTokens.push(idToken);
  state.issued.refreshTokens.push(refreshToken);
  return {
    token_type: 'Bearer',
    scope: resourceScopes.join(' '),
    expires_in: state.accessTokenLifetimeSeconds,
    ext_expires_in: state.accessTokenLifetimeSeconds,
    access_token: accessToken,
    refresh_token: refreshToken,
    id_token: idToken,
    client_info: clientInfo(state),
  };
}

/** Entra ID's client_info: base64url JSON of the user's object id and home tenant (msal's home account id). */
function clientInfo(state: OidcState): string {
  return Buffer.from(JSON.stringify({ uid: state.directory.user.oid, utid: state.directory.user.homeTenantId })).toString('base64url');
}

function oauthError(res: ServerResponse, error: string, description: string): boolean {
  const code = Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0);
  return json(res, 400, { error, error_description: description, error_codes: [code], timestamp: new Date().toISOString() });
}

/** Sends JSON; returns true (handled). */
export function json(res: ServerResponse, status: number, body: unknown): boolean {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
  return true;
}

/** Reads an application/x-www-form-urlencoded body. */
async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
