import { PlaceholderPage } from '../../components/placeholder-page';

/** The Pools page: pools, their nodes, and pool creation. */
export function PoolsPage() {
  return (
    <PlaceholderPage title="Pools">
      Here you will create pools with SSH access, watch allocation, and manage nodes at any scale.
    </PlaceholderPage>
  );
}
