import { rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { handleArm } from './arm-routes';
import type { AuthorityDirectory } from './directory';
import { handleOidc, issuerOf, json, type GrantRecord, type OidcState } from './oidc-routes';
import { createTestCertificates, type TestCertificates } from './test-certificates';
import { TokenMinter } from './token-minter';

/** A running local OpenID authority with its ARM endpoint. */
export interface LocalAuthority {
  /** `https://127.0.0.1:PORT`: set BATCH_DECK_AUTHORITY_HOST to this. */
  origin: string;
  /** `https://127.0.0.1:PORT/arm`: set BATCH_DECK_ARM_URL to this. */
  armUrl: string;
  certificates: TestCertificates;
  /** Lifetime of access tokens issued from now on. */
  setAccessTokenLifetime(seconds: number): void;
  /** Writes the emulator's BATCH_EMULATOR_TRUSTED_ISSUERS file (every tenant's issuer + the JWKS); returns its path. */
  writeTrustedIssuers(): string;
  /** Plays the user's browser: opens the authorize URL, then posts the form to the app's loopback redirect. */
  completeBrowserSignIn(authorizeUrl: string): Promise<void>;
  /** Plays the user entering the device code on the verification page. */
  approveDeviceCode(userCode: string): Promise<void>;
  /** Every token grant answered so far. */
  grants: GrantRecord[];
  /** Every access, id and refresh token handed out so far. */
  issued: OidcState['issued'];
  close(): Promise<void>;
}

/**
 * Starts the authority on https://127.0.0.1 with a certificate from a throwaway CA (clients trust `certificates.caPath`;
 * TLS checks stay on): OpenID discovery, JWKS, authorization code + PKCE with form_post, device code, refresh tokens,
 * RS256 JWTs, and an ARM endpoint for discovery. Test code only: the app never contains it.
 */
export async function startLocalAuthority(directory: AuthorityDirectory): Promise<LocalAuthority> {
  const certificates = createTestCertificates();
  const state: OidcState = {
    origin: '',
    directory,
    minter: await TokenMinter.create(),
    accessTokenLifetimeSeconds: 3600,
    codes: new Map(),
    deviceCodes: new Map(),
    refreshTokens: new Map(),
    grants: [],
    issued: { accessTokens: [], idTokens: [], refreshTokens: [] },
  };
  const server = https.createServer({ key: certificates.serverKey, cert: certificates.serverCert }, (req, res) => {
    // Like Entra ID, documents and issuers name the host the client used (127.0.0.1 or a name a test proxy resolves).
    const port = new URL(state.origin).port;
    const host = req.headers.host === `login.batchdeck.test:${port}` ? req.headers.host : `127.0.0.1:${port}`;
    const seen: OidcState = { ...state, origin: `https://${host}` };
    const url = new URL(req.url ?? '/', seen.origin);
    void (async () => (await handleOidc(seen, req, res, url)) || (await handleArm(seen, req, res, url)) || json(res, 404, { error: 'not_found' }))().catch(
      (error: Error) => json(res, 500, { error: 'server_error', error_description: error.message }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fetchText = (url: string, init: https.RequestOptions, body?: string) => request(url, { ...init, ca: certificates.caPem }, body);
  return {
    origin: state.origin,
    armUrl: `${state.origin}/arm`,
    certificates,
    grants: state.grants,
    issued: state.issued,
    setAccessTokenLifetime: (seconds) => (state.accessTokenLifetimeSeconds = seconds),
    writeTrustedIssuers() {
      const path = join(certificates.dir, 'trusted-issuers.json');
      writeFileSync(path, JSON.stringify(directory.tenants.map((t) => ({ issuer: issuerOf(state.origin, t.tenantId), jwks: state.minter.jwks }))));
      return path;
    },
    async completeBrowserSignIn(authorizeUrl) {
      const page = await fetchText(authorizeUrl, { method: 'GET' });
      const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
      if (!action) throw new Error(`The authorize page had no form: ${page.status} ${page.body}`);
      const fields = new URLSearchParams([...page.body.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m): [string, string] => [m[1] as string, m[2] as string]));
      const target = new URL(action);
      if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
      const posted = await request(target.href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, fields.toString());
      if (posted.status !== 200) throw new Error(`The app's redirect answered ${posted.status}: ${posted.body}`);
    },
    async approveDeviceCode(userCode) {
      const answer = await fetchText(`${state.origin}/devicelogin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, `user_code=${userCode}`);
      if (answer.status !== 200) throw new Error(`Unknown user code ${userCode}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(certificates.dir, { recursive: true, force: true });
      }),
  };
}

/** One http(s) request with a text answer. */
function request(url: string, options: https.RequestOptions, body?: string): Promise<{ status: number; body: string }> {
  const module = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = module.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
