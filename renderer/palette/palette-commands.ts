import { useMemo } from 'react';
import type { PoolSummary } from '../../contract/features/batch-models';
import type { PaletteCommand, PaletteStep } from '../components/command-palette';
import { reportError } from '../components/error-surface';
import { useAccountActions, useAccounts } from '../features/accounts/use-accounts';
import { useWindowAccount } from '../features/accounts/window-account';
import { useUpdateSettings } from '../features/settings/use-settings';
import { call } from '../ipc/client';
import { pageIds, useNavigation, type PageId } from '../navigation';
import { useThemeKind } from '../theme/theme-root';

/** A pool (of the window's account) the user picked in the palette. */
export interface PoolTarget {
  accountId: string;
  poolId: string;
}

/** What the palette's commands need from the shell around them. */
export interface PaletteHost {
  pageLabels: Record<PageId, string>;
  openSettings(): void;
  /** Opens the add-user dialog for a pool (the shell shows it over that pool's remote login tab). */
  addUser(target: PoolTarget): void;
}

/** "Pick a pool" of an account, then `then(pool)`. */
function pickPool(accountId: string, then: (pool: PoolSummary) => void | PaletteStep): PaletteStep {
  return {
    title: 'Pick a pool',
    empty: 'This account has no pool yet: create one first.',
    load: async () =>
      (await call('pools:list', { accountId })).pools.map((pool) => ({
        id: `pool:${pool.id}`,
        label: pool.id,
        hint: `${pool.vmSize} · ${pool.currentDedicatedNodes + pool.currentSpotNodes} nodes`,
        run: () => then(pool),
      })),
  };
}

/** "Pick a node and user" among the users Batch Deck provisioned on a pool's reachable nodes. */
function pickLogin(accountId: string, poolId: string, connect: (nodeId: string, user: string) => void): PaletteStep {
  return {
    title: `Connect to a node of ${poolId}`,
    empty: 'No node of this pool has a user yet: add a user to the pool first (command "Add user to pool…").',
    load: async () => {
      const table = await call('remote-login:list', { accountId, poolId });
      return table.rows.flatMap((row) =>
        Object.entries(row.users)
          .filter(([, state]) => state.present && !row.unavailable)
          .map(([user]) => ({
            id: `login:${row.nodeId}:${user}`,
            label: `${row.nodeId} as ${user}`,
            hint: row.state,
            run: () => connect(row.nodeId, user),
          })),
      );
    },
  };
}

/** Every command of the palette: navigation, pools, terminals, accounts and the theme. */
export function usePaletteCommands(host: PaletteHost): PaletteCommand[] {
  const go = useNavigation((s) => s.go);
  const accounts = useAccounts();
  const account = useWindowAccount(accounts.data);
  const { setActive } = useAccountActions();
  const updateSettings = useUpdateSettings();
  const theme = useThemeKind();
  const accountId = account?.id;
  const setTheme = updateSettings.mutate;
  const activate = setActive.mutate;
  const { pageLabels, openSettings, addUser } = host;

  return useMemo(() => {
    const needsAccount = (run: (id: string) => void | PaletteStep) => () => (accountId ? run(accountId) : go('accounts'));
    const commands: PaletteCommand[] = [
      ...pageIds.map((id) => ({ id: `go:${id}`, label: `Go to ${pageLabels[id]}`, run: () => go(id) })),
      { id: 'pool:create', label: 'Create pool', run: () => go('pools', { create: '1' }) },
      {
        id: 'node:connect',
        label: 'Connect to node…',
        run: needsAccount((id) =>
          pickPool(id, (pool) => pickLogin(id, pool.id, (nodeId, user) => go('terminals', { accountId: id, poolId: pool.id, nodeId, user }))),
        ),
      },
      {
        id: 'pool:add-user',
        label: 'Add user to pool…',
        run: needsAccount((id) => pickPool(id, (pool) => addUser({ accountId: id, poolId: pool.id }))),
      },
      {
        id: 'account:switch',
        label: 'Switch account…',
        run: () => ({
          title: 'Pick an account',
          empty: 'No account yet: add one on the Accounts page.',
          load: () =>
            Promise.resolve(
              (accounts.data ?? []).map((a) => ({
                id: `account:${a.id}`,
                label: a.name,
                hint: a.id === accountId ? 'this window uses it' : undefined,
                run: () => activate(a.id),
              })),
            ),
        }),
      },
      {
        id: 'terminal:local',
        label: 'Open local shell',
        run: () => {
          go('terminals');
          // Loaded on use: the terminal code (xterm) is not part of the first page.
          import('../features/terminal/session-registry')
            .then(({ openLocalSession }) => openLocalSession())
            .catch(reportError);
        },
      },
      {
        id: 'theme:toggle',
        label: theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme',
        hint: 'toggle theme',
        run: () => setTheme({ theme: theme === 'dark' ? 'light' : 'dark' }, { onError: reportError }),
      },
      { id: 'theme:high-contrast', label: 'Use the high contrast theme', hint: 'theme', run: () => setTheme({ theme: 'highContrast' }, { onError: reportError }) },
      { id: 'theme:system', label: 'Theme: same as the system', hint: 'theme', run: () => setTheme({ theme: 'system' }, { onError: reportError }) },
      { id: 'settings', label: 'Open settings', run: openSettings },
    ];
    return commands;
  }, [accountId, accounts.data, activate, addUser, go, openSettings, pageLabels, setTheme, theme]);
}
