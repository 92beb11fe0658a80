import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { readFileSync } from 'node:fs';

/** The audience a Batch data-plane token must carry. */
export const BATCH_AUDIENCE = 'https://batch.core.windows.net/';

/** One authority the emulator trusts: its issuer string and the public keys it signs with. */
export interface TrustedIssuer {
  issuer: string;
  jwks: JSONWebKeySet;
}

/** The outcome of checking a bearer token. */
export type BearerResult = { ok: true; subject: string } | { ok: false; detail: string };

/** Checks the shape of a trusted-issuers document; throws a message naming what is wrong. */
export function parseTrustedIssuers(value: unknown, source: string): TrustedIssuer[] {
  if (!Array.isArray(value)) throw new Error(`${source}: expected a JSON array of { "issuer", "jwks": { "keys": [...] } }`);
  return value.map((entry, i) => {
    const e = entry as Partial<TrustedIssuer> | null;
    if (!e || typeof e.issuer !== 'string' || !/^https?:\/\//.test(e.issuer)) {
      throw new Error(`${source}: entry ${i} needs "issuer", an http(s) URL`);
    }
    if (!e.jwks || !Array.isArray(e.jwks.keys) || e.jwks.keys.length === 0) {
      throw new Error(`${source}: entry ${i} needs "jwks": { "keys": [ at least one public JWK ] }`);
    }
    return { issuer: e.issuer, jwks: e.jwks };
  });
}

/** Reads a trusted-issuers JSON file (BATCH_EMULATOR_TRUSTED_ISSUERS). */
export function readTrustedIssuersFile(path: string): TrustedIssuer[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read trusted issuers file ${path}: ${(error as Error).message}`);
  }
  try {
    return parseTrustedIssuers(JSON.parse(text), path);
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`${path} is not valid JSON: ${error.message}`);
    throw error;
  }
}

/**
 * The issuers whose tokens the emulator accepts. Empty by default: until an authority is configured, no bearer
 * token is trusted. Replaceable at runtime through the admin endpoint.
 */
export class TrustedIssuers {
  private entries: { issuer: string; keys: ReturnType<typeof createLocalJWKSet> }[] = [];

  constructor(issuers: TrustedIssuer[] = []) {
    this.replace(issuers);
  }

  /** Replaces the trusted set. */
  replace(issuers: TrustedIssuer[]): void {
    this.entries = issuers.map((i) => ({ issuer: i.issuer, keys: createLocalJWKSet(i.jwks) }));
  }

  /** How many issuers are trusted. */
  get size(): number {
    return this.entries.length;
  }

  /** Verifies signature, issuer, audience and lifetime of a compact JWT. */
  async verify(token: string): Promise<BearerResult> {
    let claimedIssuer: string | undefined;
    try {
      claimedIssuer = decodeJwt(token).iss;
    } catch {
      return { ok: false, detail: 'The bearer token is not a well-formed JWT.' };
    }
    const entry = this.entries.find((e) => e.issuer === claimedIssuer);
    if (!entry) return { ok: false, detail: `The token issuer '${claimedIssuer ?? ''}' is not trusted by this account.` };
    try {
      const { payload } = await jwtVerify(token, entry.keys, { issuer: entry.issuer, audience: BATCH_AUDIENCE });
      return { ok: true, subject: String(payload.sub ?? payload.oid ?? '') };
    } catch (error) {
      return { ok: false, detail: `The bearer token was rejected: ${(error as Error).message}` };
    }
  }
}
