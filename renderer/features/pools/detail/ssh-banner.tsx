import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useNavigation } from '../../../navigation';
import { useScopedAccountId } from '../../accounts/account-scope';

/**
 * For pools with no SSH endpoint: why (no public IP addresses, or the 30 Nov 2025 change), and the fix (connect from
 * inside the VNet, or recreate the pool with SSH access).
 */
export function NoSshEndpointBanner(props: { poolId: string; noPublicIp?: boolean }) {
  const go = useNavigation((s) => s.go);
  const accountId = useScopedAccountId();
  if (props.noPublicIp) return <NoPublicIpBanner />;
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

/** A pool created with NoPublicIPAddresses: by design nothing outside its virtual network reaches the nodes. */
function NoPublicIpBanner() {
  return (
    <MessageBar intent="info" layout="multiline" data-testid="no-ssh-banner">
      <MessageBarBody>
        <MessageBarTitle>No public IP addresses: no SSH from outside the VNet</MessageBarTitle>
        This pool was created without public IP addresses, so its nodes have no SSH endpoint reachable from the internet.
        Connect from a machine inside the pool&apos;s virtual network (a jump host or VPN), or recreate the pool with
        Batch-managed public IPs and SSH access.
      </MessageBarBody>
    </MessageBar>
  );
}
