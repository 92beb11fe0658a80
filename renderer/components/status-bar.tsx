import { Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useAccounts } from '../features/accounts/use-accounts';
import { useWindowAccount } from '../features/accounts/window-account';
import { call } from '../ipc/client';
import { useNavigation } from '../navigation';

const stateLabels: Record<string, string> = {
  starting: 'starting…',
  ready: 'ready',
  failed: 'failed',
  stopped: 'stopped',
  unchecked: 'not checked yet',
  signInRequired: 'sign-in required',
};

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  account: { fontSize: tokens.fontSizeBase200 },
  end: { marginLeft: 'auto' },
});

/** This window's account and its live status; a click goes to the Accounts page. */
function ActiveAccount() {
  const accounts = useAccounts();
  const go = useNavigation((state) => state.go);
  const active = useWindowAccount(accounts.data);
  const styles = useStyles();
  return (
    <Link as="button" appearance="subtle" data-testid="status-account" onClick={() => go('accounts')} className={styles.account}>
      {active ? `Account: ${active.name} (${stateLabels[active.status.state] ?? active.status.state})` : 'No active account'}
    </Link>
  );
}

/** The bottom bar: app version and host, fetched through the contract (`app:info`), and the active account. */
export function StatusBar() {
  const info = useQuery({ queryKey: ['app:info'], queryFn: () => call('app:info', {}), staleTime: Infinity });
  const styles = useStyles();
  const hostLabel = info.data?.host === 'electron' ? 'Electron' : 'Web host (browser)';
  return (
    <footer
      role="contentinfo"
      data-testid="status-bar"
      className={styles.bar}
    >
      {info.data ? (
        <>
          <Caption1 data-testid="status-version">Batch Deck {info.data.version}</Caption1>
          <Caption1 data-testid="status-host">{hostLabel}</Caption1>
          <Caption1>{info.data.platform}</Caption1>
          <span className={styles.end}>
            <ActiveAccount />
          </span>
        </>
      ) : (
        <Caption1>{info.isError ? 'App info unavailable' : 'Connecting…'}</Caption1>
      )}
    </footer>
  );
}
