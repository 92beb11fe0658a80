import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../main/keys/managed-key-store';
import { hostKeyFromBlob, sha256Fingerprint } from '../../../main/ssh/host-key-blob';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';

/** A fresh host key as a server would present it (the blob) and as known_hosts holds it (the line). */
function newHostKey(type: 'ed25519' | 'ecdsa' = 'ed25519') {
  const line = type === 'ecdsa' ? ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 }).public : generateEd25519KeyPair('').public;
  const [keyType, base64] = line.split(' ');
  return { line: `${keyType} ${base64}`, key: hostKeyFromBlob(Buffer.from(base64!, 'base64')) };
}

let dir: string;
let knownHostsPath: string;
let trust: HostKeyTrust;
const host = '[10.0.0.4]:50000';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trust-'));
  knownHostsPath = join(dir, 'known_hosts');
  trust = new HostKeyTrust(dir, new KnownHostsFile(knownHostsPath), () => new Date('2026-01-01T00:00:00Z'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('host key verdicts', () => {
  it('a host nobody knows is unknown; after trusting it is trusted and stored with its fingerprint', async () => {
    const { key } = newHostKey();
    expect(await trust.check(host, key)).toEqual({ verdict: 'unknown', otherKnown: [] });
    await trust.trust(host, key);
    await trust.trust(host, key);
    expect(await trust.check(host, key)).toEqual({ verdict: 'trusted' });
    expect(await trust.list()).toEqual([{ hostKeyId: host, keyType: 'ssh-ed25519', fingerprint: key.fingerprint, addedAt: '2026-01-01T00:00:00.000Z' }]);
  });

  it('a different key of the same type is a changed key that lists the trusted one', async () => {
    const old = newHostKey();
    await trust.trust(host, old.key);
    const presented = newHostKey().key;
    expect(await trust.check(host, presented)).toEqual({
      verdict: 'changed',
      known: [{ keyType: 'ssh-ed25519', fingerprint: old.key.fingerprint, source: 'trust-store' }],
    });
  });

  it('a key of another type is unknown (asked), mentioning the type already known, as OpenSSH does', async () => {
    const ecdsa = newHostKey('ecdsa');
    writeFileSync(knownHostsPath, `${host} ${ecdsa.line}\n`);
    const verdict = await trust.check(host, newHostKey().key);
    expect(verdict).toEqual({ verdict: 'unknown', otherKnown: [{ keyType: 'ecdsa-sha2-nistp256', fingerprint: ecdsa.key.fingerprint, source: 'known_hosts' }] });
    expect(await trust.knownFamilies(host)).toEqual(['ecdsa-sha2-nistp256']);
  });

  it('known_hosts is trusted but never written; a revoked key is refused', async () => {
    const { line, key } = newHostKey();
    writeFileSync(knownHostsPath, `${host} ${line}\n`);
    expect(await trust.check(host, key)).toEqual({ verdict: 'trusted' });
    await trust.trust(host, newHostKey().key);
    expect(readFileSync(knownHostsPath, 'utf8')).toBe(`${host} ${line}\n`);
    writeFileSync(knownHostsPath, `@revoked ${host} ${line}\n`);
    expect(await trust.check(host, key)).toEqual({ verdict: 'revoked' });
  });

  it('forgetting removes exactly one key and reports when there was none', async () => {
    const { key } = newHostKey();
    await trust.trust(host, key);
    expect(await trust.forget(host, 'SHA256:nope')).toBe(false);
    expect(await trust.forget(host, key.fingerprint)).toBe(true);
    expect(await trust.list()).toEqual([]);
  });

  it('two answers at once both persist', async () => {
    await Promise.all([trust.trust('[a]:1', newHostKey().key), trust.trust('[b]:2', newHostKey().key)]);
    expect((await trust.list()).map((k) => k.hostKeyId).sort()).toEqual(['[a]:1', '[b]:2']);
  });
});

describe('fingerprints and prompts', () => {
  it('the fingerprint is OpenSSH SHA256 form: unpadded base64 of the blob hash', () => {
    expect(sha256Fingerprint(Buffer.from('abc'))).toBe('SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0');
  });

  it('a blob that is not an SSH key is refused', () => {
    expect(() => hostKeyFromBlob(Buffer.from([0, 0, 0, 200, 1]))).toThrow(/not a valid SSH public key/);
  });

  it('an answer nobody waits for is NOT_FOUND; closing the tab counts as a rejection', async () => {
    const prompts = new HostKeyPrompts();
    expect(() => prompts.decide(host, 'SHA256:x', 'trust')).toThrow(/No connection/);
    const abort = new AbortController();
    const answer = prompts.ask(host, 'SHA256:x', abort.signal);
    abort.abort();
    expect(await answer).toBe('reject');
    expect(() => prompts.decide(host, 'SHA256:x', 'trust')).toThrow(/No connection/);
  });
});
