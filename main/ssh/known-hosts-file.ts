import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { keyTypeOf, sha256Fingerprint } from './host-key-blob';

/** One key line of an OpenSSH known_hosts file that applies to a host. */
export interface KnownHostsEntry {
  keyType: string;
  blob: Buffer;
  fingerprint: string;
  /** `@revoked` keys must never be accepted; `@cert-authority` lines are skipped (we do not verify certificates). */
  revoked: boolean;
}

/**
 * Reads the user's `~/.ssh/known_hosts` (never writes it): plain and hashed (`|1|salt|hash`) host names, comma lists,
 * `*`/`?` wildcards and `!` negations, `@revoked` markers. A missing or unreadable file simply knows nothing.
 */
export class KnownHostsFile {
  constructor(private readonly path: string) {}

  /** Keys the file holds for `hostKeyId` (`host` or `[host]:port`), re-read on every call so edits apply at once. */
  async keysFor(hostKeyId: string): Promise<KnownHostsEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    return parseKnownHosts(text, hostKeyId);
  }
}

/** Parses known_hosts text and returns the entries whose host patterns match `hostKeyId`. */
export function parseKnownHosts(text: string, hostKeyId: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: string | undefined;
    if (fields[0]?.startsWith('@')) marker = fields.shift();
    const [patterns, keyType, base64] = fields;
    if (!patterns || !keyType || !base64 || marker === '@cert-authority') continue;
    if (!hostMatches(patterns, hostKeyId)) continue;
    const blob = Buffer.from(base64, 'base64');
    // A line whose blob disagrees with its declared type is corrupt: ignore it rather than trust or block on it.
    if (keyTypeOf(blob) !== keyType) continue;
    entries.push({ keyType, blob, fingerprint: sha256Fingerprint(blob), revoked: marker === '@revoked' });
  }
  return entries;
}

/** True when a known_hosts host field names `hostKeyId`: a hashed name, or patterns with none negated. */
export function hostMatches(field: string, hostKeyId: string): boolean {
  if (field.startsWith('|1|')) return hashedMatches(field, hostKeyId);
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (!wildcardMatches(negated ? pattern.slice(1) : pattern, hostKeyId)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** `|1|base64(salt)|base64(HMAC-SHA1(salt, host))`, as `HashKnownHosts yes` writes it. */
function hashedMatches(field: string, hostKeyId: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(hostKeyId).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** OpenSSH's pattern match: `*` any run, `?` one char, case-insensitive. */
function wildcardMatches(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(value);
}
