import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFileCipher } from '../../../../main/store/key-file-cipher';
import { VaultSecretStore } from '../../../../main/store/vault-secret-store';

/** A store in a fresh folder, as the web host builds it. */
function freshStore(dir = mkdtempSync(join(tmpdir(), 'bd-secrets-'))) {
  return { dir, store: new VaultSecretStore(dir, new KeyFileCipher(join(dir, 'secrets.key'))) };
}

describe('the web host secret store', () => {
  it('round-trips secrets while the files on disk never contain them', async () => {
    const { dir, store } = freshStore();
    await store.set('account:a:key', 'super-secret-account-key==');
    expect(await store.get('account:a:key')).toBe('super-secret-account-key==');
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain('super-secret');
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('keeps every record when many secrets are written at once', async () => {
    const { store } = freshStore();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `value-${i}`)));
    expect((await store.list('k')).length).toBe(20);
    expect(await store.get('k7')).toBe('value-7');
  });

  it('reads secrets back after a restart and forgets deleted ones', async () => {
    const { dir, store } = freshStore();
    await store.set('token', 'refresh-token-value');
    await store.set('gone', 'x'.repeat(10));
    await store.delete('gone');
    const reopened = freshStore(dir).store;
    expect(await reopened.get('token')).toBe('refresh-token-value');
    expect(await reopened.get('gone')).toBeUndefined();
  });

  it('refuses to decrypt with another key instead of returning garbage', async () => {
    const { dir, store } = freshStore();
    await store.set('s', 'value');
    const other = new VaultSecretStore(dir, new KeyFileCipher(join(mkdtempSync(join(tmpdir(), 'bd-k-')), 'other.key')));
    await expect(other.get('s')).rejects.toThrow();
  });
});
