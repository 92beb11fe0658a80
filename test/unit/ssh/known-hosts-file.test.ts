import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import ssh2 from 'ssh2';
import { generateEd25519KeyPair } from '../../../main/keys/managed-key-store';
import { hostMatches, parseKnownHosts } from '../../../main/ssh/known-hosts-file';

const ed = generateEd25519KeyPair('').public.split(' ');
const ecdsa = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).public.split(' ');

/** A `|1|salt|hash` host field as `ssh-keygen -H` writes it. */
function hashed(host: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`;
}

describe('reading ~/.ssh/known_hosts', () => {
  it('finds a plain entry for host:port in OpenSSH form and ignores other ports', () => {
    const text = `[10.0.0.4]:50000 ${ed[0]} ${ed[1]}\n[10.0.0.4]:50001 ${ecdsa[0]} ${ecdsa[1]}\n`;
    const found = parseKnownHosts(text, '[10.0.0.4]:50000');
    expect(found.map((e) => e.keyType)).toEqual(['ssh-ed25519']);
    expect(found[0]?.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('recognises hashed host names', () => {
    const text = `${hashed('[10.0.0.4]:50000')} ${ed[0]} ${ed[1]}\n${hashed('[10.0.0.5]:50000')} ${ecdsa[0]} ${ecdsa[1]}\n`;
    expect(parseKnownHosts(text, '[10.0.0.4]:50000').map((e) => e.keyType)).toEqual(['ssh-ed25519']);
  });

  it('honours comma lists, wildcards and negations', () => {
    expect(hostMatches('a.example,[10.0.0.4]:50000', '[10.0.0.4]:50000')).toBe(true);
    expect(hostMatches('*.batch.azure.com', 'node1.westeurope.batch.azure.com')).toBe(true);
    expect(hostMatches('10.0.0.?', '10.0.0.7')).toBe(true);
    expect(hostMatches('10.0.0.*,!10.0.0.9', '10.0.0.9')).toBe(false);
    expect(hostMatches('10.0.0.4', '[10.0.0.4]:50000')).toBe(false);
  });

  it('marks @revoked keys, skips @cert-authority lines, comments and corrupt lines', () => {
    const text = [
      '# comment',
      `@revoked [h]:22022 ${ed[0]} ${ed[1]}`,
      `@cert-authority [h]:22022 ${ecdsa[0]} ${ecdsa[1]}`,
      `[h]:22022 ssh-rsa ${ed[1]}`,
      'garbage',
    ].join('\n');
    const found = parseKnownHosts(text, '[h]:22022');
    expect(found).toHaveLength(1);
    expect(found[0]?.revoked).toBe(true);
  });
});
