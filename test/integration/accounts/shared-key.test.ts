import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { startAccounts, type AccountsFixture } from './accounts-fixture';

describe('shared-key accounts against the emulator', () => {
  let emulator: EmulatorProcess;
  let app: AccountsFixture;
  const wrongKey = Buffer.alloc(64, 7).toString('base64');

  beforeAll(async () => {
    emulator = await startEmulatorProcess({ env: { BATCH_EMULATOR_ACCOUNT: 'opsteam' } });
    app = startAccounts({ env: { BATCH_DECK_SANDBOX: 'off' } });
  });

  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  const saved = async () => (await app.call('accounts:list', {})).value.filter((a: { kind: string }) => a.kind === 'sharedKey');

  it('refuses a wrong key with the service AuthenticationFailed message and saves nothing', async () => {
    const result = await app.call('accounts:addSharedKey', { name: 'opsteam', url: emulator.endpoint, key: wrongKey });
    expect(result.error.code).toBe('AUTH_FAILED');
    expect(result.error.message).toContain('AuthenticationFailed: Server failed to authenticate the request.');
    expect(await saved()).toEqual([]);
    expect(await app.secrets.list('account-key/')).toEqual([]);
  });

  it('refuses an unreachable host, a malformed URL and a key that is not base64, each with its own message', async () => {
    const closedPort = await app.call('accounts:addSharedKey', { name: 'opsteam', url: 'http://127.0.0.1:9', key: emulator.accountKey });
    expect(closedPort.error.code).toBe('UNREACHABLE');
    expect(closedPort.error.message).toContain('http://127.0.0.1:9');
    const noDns = await app.call('accounts:addSharedKey', { name: 'opsteam', url: 'https://opsteam.westeurope.batch.azure.com.invalid', key: emulator.accountKey });
    expect(noDns.error.code).toBe('UNREACHABLE');
    const malformed = await app.call('accounts:addSharedKey', { name: 'opsteam', url: 'http://exa mple', key: emulator.accountKey });
    expect(malformed.error).toMatchObject({ code: 'INVALID_PAYLOAD', details: { field: 'url' } });
    expect(malformed.error.message).toContain('is not a URL');
    const plainHttp = await app.call('accounts:addSharedKey', { name: 'opsteam', url: 'http://opsteam.westeurope.batch.azure.com', key: emulator.accountKey });
    expect(plainHttp.error.message).toContain('must use https://');
    const notBase64 = await app.call('accounts:addSharedKey', { name: 'opsteam', url: emulator.endpoint, key: 'not a key!' });
    expect(notBase64.error).toMatchObject({ code: 'INVALID_PAYLOAD', details: { field: 'key' } });
    expect(notBase64.error.message).toContain('not base64');
    expect(await saved()).toEqual([]);
  });

  it('saves a working account after a real call, edits it, makes it active, and removes it with its key', async () => {
    const added = await app.call('accounts:addSharedKey', { name: 'opsteam', url: `${emulator.endpoint}/`, key: emulator.accountKey });
    expect(added.value).toMatchObject({ name: 'opsteam', kind: 'sharedKey', endpoint: emulator.endpoint, status: { state: 'ready' }, active: false });
    const id = added.value.id as string;
    expect(await app.secrets.get(`account-key/${id}`)).toBe(emulator.accountKey);
    expect(readFileSync(join(app.dataDir, 'accounts.json'), 'utf8')).not.toContain(emulator.accountKey);

    const duplicate = await app.call('accounts:addSharedKey', { name: 'opsteam', url: emulator.endpoint, key: emulator.accountKey });
    expect(duplicate.error.code).toBe('CONFLICT');

    const badEdit = await app.call('accounts:updateSharedKey', { id, name: 'opsteam', url: emulator.endpoint, key: wrongKey });
    expect(badEdit.error.code).toBe('AUTH_FAILED');
    expect(await app.secrets.get(`account-key/${id}`)).toBe(emulator.accountKey);
    const keptKey = await app.call('accounts:updateSharedKey', { id, name: 'opsteam', url: emulator.endpoint, key: '' });
    expect(keptKey.value.status.state).toBe('ready');

    const changes: string[] = [];
    app.feature.source.onActiveChange((account) => changes.push(account?.id ?? 'none'));
    expect((await app.call('accounts:setActive', { id })).value.active).toBe(true);
    const { account, rest } = await app.feature.source.active();
    expect(account).toMatchObject({ id, kind: 'sharedKey', endpoint: emulator.endpoint });
    expect(await rest.pools.list()).toHaveLength(0);
    expect((await app.call('accounts:check', { id })).value).toEqual({ poolCount: 0, morePools: false });

    expect((await app.call('accounts:remove', { id })).value).toEqual({ removed: 'opsteam' });
    expect(await saved()).toEqual([]);
    expect(await app.secrets.get(`account-key/${id}`)).toBeUndefined();
    expect(changes).toEqual([id, 'sandbox']);
    const afterRemove = await app.call('accounts:list', {});
    expect(afterRemove.value[0]).toMatchObject({ id: 'sandbox', active: true });
  });

  it('asks for the key again when an edit changes the URL or name, and sends nothing to the new host without it', async () => {
    const added = await app.call('accounts:addSharedKey', { name: 'opsteam', url: emulator.endpoint, key: emulator.accountKey });
    const id = added.value.id as string;
    const requests: string[] = [];
    const elsewhere = createServer((req, res) => {
      requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const otherHost = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    try {
      const moved = await app.call('accounts:updateSharedKey', { id, name: 'opsteam', url: otherHost, key: '' });
      expect(moved.error).toMatchObject({ code: 'INVALID_PAYLOAD', details: { field: 'key' } });
      expect(moved.error.message).toBe(`You changed the URL: enter the account key again. The stored key is only used for "opsteam" at ${emulator.endpoint}.`);
      const renamed = await app.call('accounts:updateSharedKey', { id, name: 'otherteam', url: emulator.endpoint, key: '  ' });
      expect(renamed.error.message).toContain('You changed the account name: enter the account key again.');
      expect(requests).toEqual([]);
      expect((await saved())[0]).toMatchObject({ id, name: 'opsteam', endpoint: emulator.endpoint });

      // The same emulator under another spelling of its host is another URL: with the key typed again it is saved.
      const sameHostOtherName = emulator.endpoint.replace('127.0.0.1', 'localhost');
      const retyped = await app.call('accounts:updateSharedKey', { id, name: 'opsteam', url: sameHostOtherName, key: emulator.accountKey });
      expect(retyped.value).toMatchObject({ id, endpoint: sameHostOtherName, status: { state: 'ready' } });

      await app.secrets.delete(`account-key/${id}`);
      const lost = await app.call('accounts:updateSharedKey', { id, name: 'opsteam', url: sameHostOtherName, key: '' });
      expect(lost.error).toMatchObject({ code: 'INVALID_PAYLOAD', details: { field: 'key' } });
      expect(lost.error.message).toContain('missing from the secret store. Enter the account key again.');
    } finally {
      elsewhere.close();
      await app.call('accounts:remove', { id });
    }
  });

  it('never lets the key reach the log, the events or the results the renderer saw', () => {
    const seen = JSON.stringify(app.events) + app.results.join('\n') + readFileSync(app.logPath, { encoding: 'utf8', flag: 'a+' });
    expect(seen).not.toContain(emulator.accountKey);
  });
});
