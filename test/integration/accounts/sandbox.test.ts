import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccounts, type AccountsFixture } from './accounts-fixture';

describe('Local sandbox', () => {
  let app: AccountsFixture;

  beforeAll(() => {
    app = startAccounts();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('starts on a clean data folder, becomes the active account, and lists its empty pools through its Batch client', async () => {
    const first = await app.call('accounts:list', {});
    expect(first.value[0]).toMatchObject({ id: 'sandbox', kind: 'sandbox', active: true });
    expect(['starting', 'ready']).toContain(first.value[0].status.state);

    const { account, rest } = await app.feature.source.active();
    expect(account).toMatchObject({ id: 'sandbox', kind: 'sandbox', name: 'sandbox' });
    expect(account.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await rest.pools.list()).toHaveLength(0);

    const check = await app.call('accounts:check', { id: 'sandbox' });
    expect(check.value).toEqual({ poolCount: 0, morePools: false });
    const ready = await app.call('accounts:list', {});
    expect(ready.value[0].status).toEqual({ state: 'ready' });
    expect(app.events.some((e) => e.event === 'accounts:changed')).toBe(true);
  });

  it('keeps the sandbox key in the encrypted secret store, never in its data folder or the messages', async () => {
    const key = await app.secrets.get('sandbox/account-key');
    expect(key).toMatch(/^[A-Za-z0-9+/]{80,}={0,2}$/);
    expect(readFileSync(join(app.dataDir, 'secrets.json'), 'utf8')).not.toContain(key);
    expect(JSON.stringify(app.events) + app.results.join('\n')).not.toContain(key);
  });

  it('restarts on request and serves the same empty account again', async () => {
    const restarted = await app.call('accounts:restartSandbox', {});
    expect(restarted.value).toMatchObject({ id: 'sandbox', status: { state: 'ready' } });
    const { rest } = await app.feature.source.active();
    expect(await rest.pools.list()).toHaveLength(0);
  });

  it('cannot be removed, and stops when the app is disposed', async () => {
    const removed = await app.call('accounts:remove', { id: 'sandbox' });
    expect(removed.error.code).toBe('CONFLICT');
    await app.feature.dispose();
    const after = await app.call('accounts:list', {});
    expect(after.value[0].status.state).toBe('stopped');
    const refused = await app.feature.source.active().then(() => undefined, (e: unknown) => e);
    expect(refused).toMatchObject({ code: 'NO_ACCOUNT' });
  });
});

describe('Local sandbox that cannot start', () => {
  it('shows failed with the emulator’s own error, and other features get NO_ACCOUNT instead of a hang', async () => {
    const env: Record<string, string> = { BATCH_DECK_SANDBOX_TIME_SCALE: 'fast' };
    const app = startAccounts({ env });
    try {
      await app.feature.source.active().catch(() => undefined);
      const failed = (await app.call('accounts:list', {})).value[0];
      expect(failed.status).toMatchObject({ state: 'failed', code: 'UNREACHABLE' });
      expect(failed.status.message).toContain('failed to start');
      expect(failed.status.detail).toContain("BATCH_EMULATOR_TIME_SCALE='fast' is not valid");
      const active = await app.call('accounts:check', { id: 'sandbox' });
      expect(active.error.code).toBe('NO_ACCOUNT');
    } finally {
      await app.close();
    }
  });
});
