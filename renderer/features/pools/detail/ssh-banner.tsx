import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useNavigation } from '../../../navigation';
import { useScopedAccountId } from '../../accounts/account-scope';

/** For pools with no SSH endpoint: why (the 30 Nov 2025 change), and the only fix (recreate with SSH access). */
export function NoSshEndpointBanner(props: { poolId: string }) {
  const go = useNavigation((s) => s.go);
  const accountId = useScopedAccountId();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="no-ssh-banner">
      <MessageBarBody>
        <MessageBarTitle>This pool's nodes have no SSH endpoint</MessageBarTitle>
        Since 30 November 2025, Azure Batch no longer maps SSH (port 22) or RDP (3389) on new pools by itself: a pool gets an
        SSH endpoint only when its network configuration defines an inbound NAT pool for port 22. A pool's network
        configuration cannot be patched after it is created, so the way to SSH into these nodes is to recreate the pool with
        SSH access (Batch Deck turns it on by default).
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => go('pools', { create: '1', accountId, from: props.poolId })}>Recreate with SSH access…</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
