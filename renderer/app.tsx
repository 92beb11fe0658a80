import { Button, Caption1, makeStyles, Spinner, Tab, TabList, Title3, tokens } from '@fluentui/react-components';
import { SettingsRegular } from '@fluentui/react-icons';
import { lazy, Suspense, useCallback, useState, type ComponentType } from 'react';
import { CommandPalette } from './components/command-palette';
import { DamagedFilesNotice } from './components/damaged-files-notice';
import { ErrorSurface } from './components/error-surface';
import { StartHere } from './components/start-here';
import { StatusBar } from './components/status-bar';
import { WindowAccountScope } from './features/accounts/account-scope';
import { AccountsPage } from './features/accounts/accounts-page';
import { SettingsDialog } from './features/settings/settings-dialog';
import { pageIds, useNavigation, type PageId } from './navigation';
import { usePaletteCommands, type PoolTarget } from './palette/palette-commands';

// Pages other than Accounts load on first visit, so the first window parses only what the Accounts page needs.
const ImagesPage = lazy(() => import('./features/images/images-page').then((m) => ({ default: m.ImagesPage })));
const PoolsPage = lazy(() => import('./features/pools/pools-page').then((m) => ({ default: m.PoolsPage })));
const JobsPage = lazy(() => import('./features/jobs/jobs-page').then((m) => ({ default: m.JobsPage })));
const TerminalsPage = lazy(() => import('./features/terminal/terminals-page').then((m) => ({ default: m.TerminalsPage })));
// The palette's add-user dialog (and the zod schemas its form checks with) loads when first asked for.
const AddUserHost = lazy(() => import('./palette/add-user-host').then((m) => ({ default: m.AddUserHost })));

/** `scoped` pages work on an account: they render inside this window's account scope. */
const pages: Record<PageId, { label: string; component: ComponentType; scoped: boolean }> = {
  accounts: { label: 'Accounts', component: AccountsPage, scoped: false },
  images: { label: 'Images', component: ImagesPage, scoped: true },
  pools: { label: 'Pools', component: PoolsPage, scoped: true },
  jobs: { label: 'Jobs', component: JobsPage, scoped: true },
  terminals: { label: 'Terminals', component: TerminalsPage, scoped: true },
};

const pageLabels = Object.fromEntries(pageIds.map((id) => [id, pages[id].label])) as Record<PageId, string>;

const useStyles = makeStyles({
  shell: { display: 'grid', gridTemplateRows: '1fr auto', height: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  body: { display: 'grid', gridTemplateColumns: '200px 1fr', minHeight: 0 },
  nav: {
    display: 'flex',
    flexDirection: 'column',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: { display: 'block', padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalS}` },
  navFooter: { display: 'grid', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL, marginTop: 'auto' },
  hint: { color: tokens.colorNeutralForeground3 },
  main: { overflow: 'auto', minHeight: 0, display: 'flex', flexDirection: 'column' },
});

/** The shell: navigation on the left, the current page, errors on top, the status bar at the bottom. */
export function App() {
  const styles = useStyles();
  const { route, go } = useNavigation();
  const { component: Page, scoped } = pages[route.page];
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [addUser, setAddUser] = useState<{ target?: PoolTarget; open: boolean; opening: number }>({ open: false, opening: 0 });
  const openSettings = useCallback(() => setSettingsOpen(true), []);
  const openAddUser = useCallback(
    (target: PoolTarget) => {
      go('pools', { ...target, tab: 'remote' });
      setAddUser((s) => ({ target, open: true, opening: s.opening + 1 }));
    },
    [go],
  );
  const commands = usePaletteCommands({ pageLabels, openSettings, addUser: openAddUser });
  return (
    <div className={styles.shell}>
      <div className={styles.body}>
        <nav aria-label="Main" className={styles.nav}>
          <Title3 as="h1" className={styles.title}>
            Batch Deck
          </Title3>
          <TabList vertical selectedValue={route.page} onTabSelect={(_, data) => go(data.value as PageId)}>
            {pageIds.map((id) => (
              <Tab key={id} value={id}>
                {pages[id].label}
              </Tab>
            ))}
          </TabList>
          <div className={styles.navFooter}>
            <Button appearance="secondary" icon={<SettingsRegular />} onClick={openSettings}>
              Settings
            </Button>
            <Caption1 className={styles.hint}>Ctrl+K: command palette (also from a terminal)</Caption1>
          </div>
        </nav>
        <main className={styles.main}>
          <ErrorSurface />
          <DamagedFilesNotice />
          <StartHere />
          <Suspense fallback={<Spinner label="Loading…" />}>
            {scoped ? (
              <WindowAccountScope>
                <Page />
              </WindowAccountScope>
            ) : (
              <Page />
            )}
          </Suspense>
        </main>
      </div>
      <StatusBar />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      {addUser.target && (
        <Suspense fallback={null}>
          <AddUserHost key={addUser.opening} target={addUser.target} open={addUser.open} onClose={() => setAddUser((s) => ({ ...s, open: false }))} />
        </Suspense>
      )}
      <CommandPalette commands={commands} />
    </div>
  );
}
