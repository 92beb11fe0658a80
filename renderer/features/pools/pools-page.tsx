import { useNavigation } from '../../navigation';
import { CreatePoolPage } from './create/create-pool-page';
import { PoolDetailPage } from './detail/pool-detail-page';
import { PoolListPage } from './pool-list-page';

/** The Pools page: the list, one pool's detail (`#pools?poolId=…`), or the create form (`#pools?create=1`). */
export function PoolsPage() {
  const params = useNavigation((s) => s.route.params);
  if (params.create) return <CreatePoolPage params={params} />;
  if (params.poolId) return <PoolDetailPage key={params.poolId} poolId={params.poolId} />;
  return <PoolListPage />;
}
