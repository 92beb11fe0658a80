import { Caption1, Spinner } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useScopedAccountId } from '../accounts/account-scope';
import { call } from '../../ipc/client';

/** The query key of an account's managed public key. */
export const managedKeyQueryKey = (accountId: string) => ['keys:managed-public', accountId] as const;

/** The scoped account's managed key, public half (created in main on first use). */
export function useManagedKey() {
  const accountId = useScopedAccountId();
  return useQuery({ queryKey: managedKeyQueryKey(accountId), queryFn: () => call('keys:managed-public', { accountId }), staleTime: 60_000 });
}

/** One line about the managed key: its fingerprint, and where its private half was last exported. */
export function ManagedKeySummary() {
  const key = useManagedKey();
  if (key.isPending) return <Spinner size="tiny" label="Preparing the managed key…" />;
  if (!key.data) return <Caption1>The managed key is not available: {key.error?.message}</Caption1>;
  return (
    <Caption1 data-testid="managed-key-fingerprint">
      ed25519 {key.data.fingerprint}
      {key.data.exportedPath ? ` · exported to ${key.data.exportedPath}` : ' · private key kept in Batch Deck only'}
    </Caption1>
  );
}
