import { describe, expect, it } from 'vitest';
import type { EmulatorLauncher } from '../../../main/accounts/sandbox/emulator-launcher';
import { eventually } from '../../helpers/eventually';
import { startAccounts } from './accounts-fixture';

/** Wraps the real launcher to see each emulator process start and exit. */
function watchedLauncher(launched: { exited: boolean }[]): (real: EmulatorLauncher) => EmulatorLauncher {
  return (real) => ({
    describe: () => real.describe(),
    launch(env) {
      const handle = real.launch(env);
      const entry = { exited: false };
      launched.push(entry);
      handle.onExit(() => (entry.exited = true));
      return handle;
    },
  });
}

describe('Restart sandbox while it is starting', () => {
  it.each([
    ['before its emulator process was spawned', false],
    ['after its emulator process was spawned, before it was ready', true],
  ])('%s: the waiting call and a later call answer, and the first emulator is gone', async (_when, afterSpawn) => {
    const launched: { exited: boolean }[] = [];
    const app = startAccounts({ wrapLauncher: watchedLauncher(launched) });
    try {
      expect((await app.call('accounts:list', {})).value[0].status.state).toBe('starting');
      if (afterSpawn) await eventually(async () => (launched.length > 0 ? true : undefined), 20_000, 10);
      const waiting = app.call('accounts:check', { id: 'sandbox' });

      const restarted = await app.call('accounts:restartSandbox', {});
      expect(restarted.value).toMatchObject({ id: 'sandbox', status: { state: 'ready' } });

      expect((await waiting).value).toEqual({ poolCount: 0, morePools: false });
      expect((await app.call('accounts:check', { id: 'sandbox' })).value).toEqual({ poolCount: 0, morePools: false });
      const { rest } = await app.feature.source.active();
      expect(await rest.pools.list()).toHaveLength(0);
      // One emulator serves; one that was stopped while starting has exited (no orphan holding ports).
      expect(launched.filter((p) => !p.exited)).toHaveLength(1);
      expect(launched).toHaveLength(afterSpawn ? 2 : 1);
    } finally {
      await app.close();
    }
  });
});

describe('The Local sandbox starts after the first page, or when first needed', () => {
  it('shows starting with no emulator process at first, and starts at once when a call needs it', async () => {
    const launched: { exited: boolean }[] = [];
    // A start put off for ten minutes: only the call below can have started it.
    const app = startAccounts({ wrapLauncher: watchedLauncher(launched), sandboxStartDelayMs: 600_000 });
    try {
      expect((await app.call('accounts:list', {})).value[0].status.state).toBe('starting');
      expect(launched).toHaveLength(0);
      expect((await app.call('accounts:check', { id: 'sandbox' })).value).toEqual({ poolCount: 0, morePools: false });
      expect(launched).toHaveLength(1);
      expect((await app.call('accounts:list', {})).value[0].status).toEqual({ state: 'ready' });
    } finally {
      await app.close();
    }
  });

  it('starts by itself once the delay is over, announcing starting and ready once each', async () => {
    const launched: { exited: boolean }[] = [];
    const app = startAccounts({ wrapLauncher: watchedLauncher(launched), sandboxStartDelayMs: 50 });
    try {
      await eventually(async () => ((await app.call('accounts:list', {})).value[0].status.state === 'ready' ? true : undefined), 20_000, 20);
      expect(launched).toHaveLength(1);
      const announced = app.events
        .filter((e) => e.event === 'accounts:changed')
        .map((e) => (e.payload as { accounts: { id: string; status: { state: string } }[] }).accounts.find((a) => a.id === 'sandbox')?.status.state);
      expect(announced.filter((state, i) => state !== announced[i - 1])).toEqual(['starting', 'ready']);
      expect(announced.filter((state) => state === 'starting')).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('a quit before the delay is over leaves it stopped, and no emulator is ever started', async () => {
    const launched: { exited: boolean }[] = [];
    const app = startAccounts({ wrapLauncher: watchedLauncher(launched), sandboxStartDelayMs: 200 });
    try {
      await app.feature.dispose();
      expect((await app.call('accounts:list', {})).value[0].status.state).toBe('stopped');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(launched).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
