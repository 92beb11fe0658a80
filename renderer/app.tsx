import { Button, Tab, TabList, Title3, tokens } from '@fluentui/react-components';
import { useMemo, useState, type ComponentType } from 'react';
import { CommandPalette, type PaletteCommand } from './components/command-palette';
import { DamagedFilesNotice } from './components/damaged-files-notice';
import { ErrorSurface } from './components/error-surface';
import { StatusBar } from './components/status-bar';
import { WindowAccountScope } from './features/accounts/account-scope';
import { AccountsPage } from './features/accounts/accounts-page';
import { ImagesPage } from './features/images/images-page';
import { SettingsDialog } from './features/settings/settings-dialog';
import { PoolsPage } from './features/pools/pools-page';
import { TerminalsPage } from './features/terminal/terminals-page';
import { pageIds, useNavigation, type PageId } from './navigation';

/** `scoped` pages work on an account: they render inside this window's account scope. */
const pages: Record<PageId, { label: string; component: ComponentType; scoped: boolean }> = {
  accounts: { label: 'Accounts', component: AccountsPage, scoped: false },
  images: { label: 'Images', component: ImagesPage, scoped: true },
  pools: { label: 'Pools', component: PoolsPage, scoped: true },
  terminals: { label: 'Terminals', component: TerminalsPage, scoped: true },
};

/** The shell: navigation on the left, the current page, errors on top, the status bar at the bottom. */
export function App() {
  const { route, go } = useNavigation();
  const { component: Page, scoped } = pages[route.page];
  const [settingsOpen, setSettingsOpen] = useState(false);
  const commands = useMemo<PaletteCommand[]>(
    () => [
      ...pageIds.map((id) => ({ id: `go:${id}`, label: `Go to ${pages[id].label}`, run: () => go(id) })),
      { id: 'settings', label: 'Open settings', run: () => setSettingsOpen(true) },
    ],
    [go],
  );
  return (
    <div style={{ display: 'grid', gridTemplateRows: '1fr auto', height: '100vh' }}>
      <div style={{ display: 'grid', gridTemplateColumns: '200px 1fr', minHeight: 0 }}>
        <nav
          aria-label="Main"
          style={{ borderRight: `1px solid ${tokens.colorNeutralStroke2}`, background: tokens.colorNeutralBackground2 }}
        >
          <Title3 as="h1" style={{ display: 'block', padding: '16px 16px 8px' }}>
            Batch Deck
          </Title3>
          <TabList vertical selectedValue={route.page} onTabSelect={(_, data) => go(data.value as PageId)}>
            {pageIds.map((id) => (
              <Tab key={id} value={id}>
                {pages[id].label}
              </Tab>
            ))}
          </TabList>
          <div style={{ padding: 16, display: 'grid', gap: 8 }}>
            <Button appearance="subtle" onClick={() => setSettingsOpen(true)}>
              Settings
            </Button>
            <span style={{ fontSize: 12, color: tokens.colorNeutralForeground3 }}>Ctrl+K: command palette</span>
          </div>
        </nav>
        <main style={{ overflow: 'auto', minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <ErrorSurface />
          <DamagedFilesNotice />
          {scoped ? (
            <WindowAccountScope>
              <Page />
            </WindowAccountScope>
          ) : (
            <Page />
          )}
        </main>
      </div>
      <StatusBar />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <CommandPalette commands={commands} />
    </div>
  );
}
