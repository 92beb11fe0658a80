import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthContext } from 'ssh2';
// Default import: ssh2 is CommonJS and its named exports are invisible to Node's native ESM loader.
import ssh2 from 'ssh2';
import type { NodeUserRecord } from './types';

const { utils } = ssh2;

/** The methods a node offers; keyboard-interactive, hostbased and none are refused as on a Batch node. */
export const OFFERED_METHODS = ['publickey', 'password'] as const;

/** Why a login attempt was refused (for the log; never carries the secret itself). */
export type LoginVerdict = { accepted: true; user: NodeUserRecord } | { accepted: false; reason: string };

/**
 * Decides one authentication attempt against the node's current users (read fresh by the caller, so an update,
 * delete or expiry takes effect at the very next attempt).
 */
export function checkLogin(ctx: AuthContext, users: readonly NodeUserRecord[], now: Date): LoginVerdict {
  const user = users.find((candidate) => candidate.name === ctx.username);
  if (!user) return { accepted: false, reason: 'unknown user' };
  // new Date() also accepts an ISO string, in case a caller hands over a deserialised record; NaN never passes.
  const expiry = new Date(user.expiryTime).getTime();
  if (!(expiry > now.getTime())) return { accepted: false, reason: 'user expired' };
  switch (ctx.method) {
    case 'password':
      return user.password !== undefined && sameSecret(ctx.password, user.password)
        ? { accepted: true, user }
        : { accepted: false, reason: 'wrong password' };
    case 'publickey': {
      const stored = user.sshPublicKey ? utils.parseKey(user.sshPublicKey) : undefined;
      if (!stored || stored instanceof Error) return { accepted: false, reason: 'no usable public key' };
      if (ctx.key.algo !== stored.type || !sameBytes(ctx.key.data, stored.getPublicSSH())) {
        return { accepted: false, reason: 'key not authorized' };
      }
      // Without a signature the client only asks whether this key would do; ssh2 answers PK_OK on accept().
      if (ctx.signature && ctx.blob && stored.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) {
        return { accepted: false, reason: 'bad signature' };
      }
      return { accepted: true, user };
    }
    default:
      return { accepted: false, reason: `method ${ctx.method} not offered` };
  }
}

/** Compares digests so neither the content nor the length of the stored password leaks through timing. */
function sameSecret(given: string, stored: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(stored, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
