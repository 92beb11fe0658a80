import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../contract/result';
import { generateEd25519KeyPair, ManagedKeyStore, publicKeyBlob } from '../../../main/keys/managed-key-store';
import { sha256Fingerprint } from '../../../main/ssh/host-key-blob';
import { ensureSshFolder, resolveExportPath, writePrivateKeyFile } from '../../../main/keys/private-key-export';
import { SecretRedactor } from '../../../main/log';
import type { SecretStore } from '../../../main/store/secret-store';

/** An in-memory SecretStore (the real ones encrypt to disk; this test is about what the key store puts there). */
class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  async get(name: string) {
    return this.values.get(name);
  }
  async set(name: string, value: string) {
    this.values.set(name, value);
  }
  async delete(name: string) {
    this.values.delete(name);
  }
  async list(prefix: string) {
    return [...this.values.keys()].filter((k) => k.startsWith(prefix));
  }
  describe() {
    return { backend: 'memory', encrypted: false };
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bd-keys-'));
  dirs.push(dir);
  return dir;
}

describe('the managed key of an account', () => {
  it('is one ed25519 pair per account, created once even when two operations ask at the same time', async () => {
    const secrets = new MemorySecretStore();
    const store = new ManagedKeyStore(secrets, new SecretRedactor());
    const [a, b] = await Promise.all([store.publicKey('acc-1', 'prod'), store.publicKey('acc-1', 'prod')]);
    expect(a).toBe(b);
    expect(a).toMatch(/^ssh-ed25519 AAAA\S+ batch-deck@prod$/);
    expect(await store.publicKey('acc-2', 'dev')).not.toBe(a);
    expect(await new ManagedKeyStore(secrets, new SecretRedactor()).publicKey('acc-1', 'prod')).toBe(a);
    expect([...secrets.values.keys()].sort()).toEqual(['keys/managed/acc-1', 'keys/managed/acc-2']);
  });

  it('never lets the private key reach a log line: it is registered with the redactor', async () => {
    const redactor = new SecretRedactor();
    const store = new ManagedKeyStore(new MemorySecretStore(), redactor);
    const privateKey = await store.privateKey('acc-1', 'prod');
    expect(privateKey).toContain('BEGIN OPENSSH PRIVATE KEY');
    expect(redactor.redact(`oops ${privateKey}`)).toBe('oops [redacted]');
  });

  it('parses with ssh2 and matches the fingerprint ssh-keygen prints', () => {
    const pair = generateEd25519KeyPair('t');
    expect(utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
    const dir = tempDir();
    writeFileSync(join(dir, 'k.pub'), `${pair.public}\n`);
    const printed = execFileSync('ssh-keygen', ['-lf', join(dir, 'k.pub')], { encoding: 'utf8' });
    expect(printed).toContain(sha256Fingerprint(publicKeyBlob(pair.public)));
  });

  it('exports to a file of mode 0600 that OpenSSH accepts, and refuses to overwrite unless asked', async () => {
    const dir = tempDir();
    const pair = generateEd25519KeyPair('t');
    const file = join(dir, 'id_batch');
    await writePrivateKeyFile(file, pair.private, false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const derived = execFileSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim();
    expect(derived.split(' ').slice(0, 2)).toEqual(pair.public.split(' ').slice(0, 2));
    await expect(writePrivateKeyFile(file, 'x', false)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(file, 'utf8')).toBe(pair.private);
    writeFileSync(file, 'old', { mode: 0o644 });
    await writePrivateKeyFile(file, pair.private, true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(pair.private);
  });

  it('creates ~/.ssh with mode 0700 on a machine that has none, so the default export path works', async () => {
    const home = tempDir();
    const target = resolveExportPath('~/.ssh/batch-deck-prod_ed25519', home);
    await ensureSshFolder(target, home);
    expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
    await writePrivateKeyFile(target, 'key\n', false);
    expect(readFileSync(target, 'utf8')).toBe('key\n');
    await ensureSshFolder(target, home);
    expect(statSync(join(home, '.ssh')).mode & 0o777).toBe(0o700);
  });

  it('makes no other folder: a missing folder elsewhere is still NOT_FOUND', async () => {
    const home = tempDir();
    const elsewhere = join(home, 'keys', 'k');
    await ensureSshFolder(elsewhere, home);
    await expect(writePrivateKeyFile(elsewhere, 'x', false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says clearly when the folder is missing or the path is relative', async () => {
    await expect(writePrivateKeyFile(join(tempDir(), 'nope', 'k'), 'x', false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => resolveExportPath('keys/id')).toThrow(ContractFailure);
    expect(resolveExportPath('~/.ssh/k', '/home/me')).toBe('/home/me/.ssh/k');
    expect(resolveExportPath('/tmp/../tmp/k')).toBe('/tmp/k');
  });
});
