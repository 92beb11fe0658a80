import { useNavigation } from '../../navigation';
import { AccountScope, useScopedAccountId } from '../accounts/account-scope';
import { CreatePoolPage } from './create/create-pool-page';
import { PoolDetailPage } from './detail/pool-detail-page';
import { PoolListPage } from './pool-list-page';

/**
 * The Pools page: the window account's list, one pool's detail (`#pools?accountId=…&poolId=…`), or the create form
 * (`#pools?create=1`). A detail or create route that names its account keeps it, whichever account this window (or
 * another) switches to meanwhile.
 */
export function PoolsPage() {
  const params = useNavigation((s) => s.route.params);
  const windowAccountId = useScopedAccountId();
  const accountId = params.accountId ?? windowAccountId;
  if (params.create) {
    return (
      <AccountScope accountId={accountId}>
        <CreatePoolPage params={params} />
      </AccountScope>
    );
  }
  if (params.poolId) {
    return (
      <AccountScope accountId={accountId}>
        <PoolDetailPage key={`${accountId}/${params.poolId}`} accountId={accountId} poolId={params.poolId} />
      </AccountScope>
    );
  }
  return <PoolListPage />;
}
