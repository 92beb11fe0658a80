import { Button, Link, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useAccounts } from '../features/accounts/use-accounts';
import { useWindowAccount } from '../features/accounts/window-account';
import { usePools } from '../features/pools/use-pools';
import { useNavigation } from '../navigation';
import { useLayoutStyles } from '../theme/layout-styles';

/** localStorage key remembering that the user dismissed the strip (for good, in this browser profile). */
const dismissedKey = 'batch-deck.start-here-dismissed';

const useStyles = makeStyles({
  steps: { display: 'inline-flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
});

function readDismissed(): boolean {
  try {
    return globalThis.localStorage?.getItem(dismissedKey) === '1';
  } catch {
    return false;
  }
}

/**
 * First run: "Start here: pick an image → create a pool → add a user → connect", each step a link. Shown while the
 * window's (ready) account has no pool; gone once there is one, or for good once dismissed.
 */
export function StartHere() {
  const accounts = useAccounts();
  const account = useWindowAccount(accounts.data);
  const [dismissed, setDismissed] = useState(readDismissed);
  if (dismissed || account?.status.state !== 'ready') return null;
  const dismiss = (): void => {
    try {
      globalThis.localStorage?.setItem(dismissedKey, '1');
    } catch {
      // Storage may be disabled: the strip stays away until the window reloads.
    }
    setDismissed(true);
  };
  return <StartHereStrip accountId={account.id} onDismiss={dismiss} />;
}

function StartHereStrip(props: { accountId: string; onDismiss(): void }) {
  const styles = useStyles();
  const layout = useLayoutStyles();
  const pools = usePools(props.accountId);
  const go = useNavigation((s) => s.go);
  if (!pools.data || pools.data.pools.length > 0) return null;
  return (
    <div className={layout.notices}>
    <MessageBar intent="info" data-testid="start-here">
      <MessageBarBody>
        <MessageBarTitle>Start here</MessageBarTitle>
        <span className={styles.steps}>
          <Link href="#images" onClick={(event) => (event.preventDefault(), go('images'))}>
            pick an image
          </Link>
          →
          <Link href="#pools?create=1" onClick={(event) => (event.preventDefault(), go('pools', { create: '1' }))}>
            create a pool
          </Link>
          →<span>add a user</span>→<span>connect</span>
        </span>
      </MessageBarBody>
      <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss the start guide" icon={<DismissRegular />} onClick={props.onDismiss} />} />
    </MessageBar>
    </div>
  );
}
