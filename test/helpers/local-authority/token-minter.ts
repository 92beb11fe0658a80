import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';

/** The private key type jose's generateKeyPair returns. */
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { createHash, randomBytes } from 'node:crypto';

/** The identity the authority signs tokens for. */
export interface TestUser {
  oid: string;
  username: string;
  name: string;
  homeTenantId: string;
}

/** Signs access and id tokens with one RS256 key; publishes the matching JWKS. */
export class TokenMinter {
  private constructor(
    private readonly privateKey: PrivateKey,
    readonly jwks: JSONWebKeySet,
    private readonly kid: string,
  ) {}

  /** A minter with a fresh key pair. */
  static async create(): Promise<TokenMinter> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const kid = randomBytes(8).toString('hex');
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    return new TokenMinter(privateKey, { keys: [jwk] }, kid);
  }

  /** An access token for `audience` (the resource of the requested scope) in one tenant. */
  accessToken(issuer: string, audience: string, user: TestUser, tenantId: string, lifetimeSeconds: number, scope: string): Promise<string> {
    return this.sign({ aud: audience, tid: tenantId, oid: user.oid, sub: user.oid, scp: scope, upn: user.username, ver: '2.0' }, issuer, lifetimeSeconds);
  }

  /** An id token for the client, echoing the sign-in's nonce. */
  idToken(issuer: string, clientId: string, user: TestUser, tenantId: string, nonce: string | undefined): Promise<string> {
    const claims = { aud: clientId, tid: tenantId, oid: user.oid, sub: user.oid, preferred_username: user.username, name: user.name, ver: '2.0' };
    return this.sign(nonce ? { ...claims, nonce } : claims, issuer, 3600);
  }

  private sign(claims: Record<string, string>, issuer: string, lifetimeSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setNotBefore(now - 60)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.privateKey);
  }
}

/** The resource (token audience) of a `<resource>/.default` scope: `https://batch.core.windows.net//.default` → `https://batch.core.windows.net/`. */
export function resourceOfScope(scope: string): string | undefined {
  return scope.startsWith('https://') && scope.endsWith('/.default') ? scope.slice(0, -'/.default'.length) : undefined;
}

/** S256 PKCE check: base64url(sha256(verifier)) equals the challenge. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
