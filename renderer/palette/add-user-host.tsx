import { AccountScope, useScopedAccountId } from '../features/accounts/account-scope';
import { ProvisionDialog } from '../features/connect/provision-dialog';
import { useRemoteLogin } from '../features/connect/use-remote-login';
import type { PoolTarget } from './palette-commands';

/** The add-user dialog for a pool picked in the command palette; progress shows in the pool's remote login tab. */
export function AddUserHost(props: { target: PoolTarget | undefined; open: boolean; onClose(): void }) {
  const { target } = props;
  if (!target) return null;
  return (
    <AccountScope accountId={target.accountId}>
      <AddUserDialog poolId={target.poolId} open={props.open} onClose={props.onClose} />
    </AccountScope>
  );
}

/** Stays mounted while closed (unmounting an open modal would skip its cleanup); the host re-keys it per opening. */
function AddUserDialog(props: { poolId: string; open: boolean; onClose(): void }) {
  const table = useRemoteLogin(useScopedAccountId(), props.poolId);
  return (
    <ProvisionDialog
      open={props.open}
      poolId={props.poolId}
      selectedNodeIds={[]}
      existing={table.data?.users ?? []}
      onClose={props.onClose}
      onStarted={() => undefined}
    />
  );
}
