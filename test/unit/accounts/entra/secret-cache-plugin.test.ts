import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenCacheContext } from '@azure/msal-node';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheSecrets, isEmptyCache, SecretStoreCachePlugin } from '../../../../main/accounts/entra/secret-cache-plugin';
import { ConsoleFileLogger, SecretRedactor } from '../../../../main/log';
import { KeyFileCipher } from '../../../../main/store/key-file-cipher';
import { VaultSecretStore } from '../../../../main/store/vault-secret-store';

const refreshToken = 'rt.0123456789abcdefghijklmnop';
const accessToken = 'eyJhbGciOiJSUzI1NiJ9.access.signature';
const idToken = 'eyJhbGciOiJSUzI1NiJ9.id.signature';
const serialized = JSON.stringify({
  Account: { a: { username: 'operator@contoso.test' } },
  AccessToken: { x: { secret: accessToken } },
  RefreshToken: { y: { secret: refreshToken } },
  IdToken: { z: { secret: idToken } },
  AppMetadata: {},
});
const empty = JSON.stringify({ Account: {}, AccessToken: {}, RefreshToken: {}, IdToken: {}, AppMetadata: { m: { client_id: 'c' } } });

/** A TokenCacheContext as msal-node passes it, around a cache that holds `text`. */
function context(text: string, changed: boolean) {
  const cache = { text, serialize: () => cache.text, deserialize: (t: string) => void (cache.text = t) };
  return { cache, ctx: { cacheHasChanged: changed, tokenCache: cache } as unknown as TokenCacheContext };
}

describe('msal token cache in the secret store', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function store() {
    const dir = mkdtempSync(join(tmpdir(), 'batch-deck-cache-'));
    dirs.push(dir);
    return { dir, secrets: new VaultSecretStore(dir, new KeyFileCipher(join(dir, 'secrets.key'))) };
  }

  it('finds every token in a serialized cache, and knows when only app metadata is left', () => {
    expect(cacheSecrets(serialized).sort()).toEqual([accessToken, idToken, refreshToken].sort());
    expect(isEmptyCache(serialized)).toBe(false);
    expect(isEmptyCache(empty)).toBe(true);
  });

  it('ignores a damaged stored cache (the user signs in again) instead of failing every token request', async () => {
    const { secrets } = store();
    await secrets.set('entra/msal-cache/public', '{"Account": {"a": ');
    const plugin = new SecretStoreCachePlugin(secrets, 'entra/msal-cache/public', new SecretRedactor());
    const reload = context('', false);
    await plugin.beforeCacheAccess(reload.ctx);
    expect(reload.cache.text).toBe('');
    await plugin.afterCacheAccess(context(serialized, true).ctx);
    expect(await secrets.get('entra/msal-cache/public')).toBe(serialized);
  });

  it('stores the cache encrypted (0600 key file), never as plain text, and deletes it after the last sign-out', async () => {
    const { dir, secrets } = store();
    const plugin = new SecretStoreCachePlugin(secrets, 'entra/msal-cache/public', new SecretRedactor());
    await plugin.afterCacheAccess(context(serialized, true).ctx);
    const onDisk = readFileSync(join(dir, 'secrets.json'), 'utf8');
    for (const token of [accessToken, refreshToken, idToken, 'operator@contoso.test']) expect(onDisk).not.toContain(token);
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);

    const reload = context('', false);
    await plugin.beforeCacheAccess(reload.ctx);
    expect(reload.cache.text).toBe(serialized);

    await plugin.afterCacheAccess(context(empty, true).ctx);
    expect(await secrets.list('entra/')).toEqual([]);
  });

  it('does not write when msal says nothing changed', async () => {
    const { secrets } = store();
    await new SecretStoreCachePlugin(secrets, 'entra/msal-cache/public', new SecretRedactor()).afterCacheAccess(context(serialized, false).ctx);
    expect(await secrets.list('')).toEqual([]);
  });

  it('registers every token it sees with the redactor, so a log line cannot carry one', async () => {
    const { dir, secrets } = store();
    const redactor = new SecretRedactor();
    await secrets.set('entra/msal-cache/public', serialized);
    await new SecretStoreCachePlugin(secrets, 'entra/msal-cache/public', redactor).beforeCacheAccess(context('', false).ctx);
    const logPath = join(dir, 'main.log');
    new ConsoleFileLogger(redactor, logPath, false).error('entra', `refresh failed for ${refreshToken}`, new Error(`Bearer ${accessToken}`));
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('[redacted]');
    for (const token of [accessToken, refreshToken]) expect(log).not.toContain(token);
  });
});
