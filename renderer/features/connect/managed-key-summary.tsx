import { Caption1, Spinner } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../ipc/client';

/** The query key of the active account's managed public key. */
export const managedKeyQueryKey = ['keys:managed-public'] as const;

/** The active account's managed key, public half (created in main on first use). */
export function useManagedKey() {
  return useQuery({ queryKey: managedKeyQueryKey, queryFn: () => call('keys:managed-public', {}), staleTime: 60_000 });
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
