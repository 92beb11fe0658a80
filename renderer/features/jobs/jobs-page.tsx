import { useNavigation } from '../../navigation';
import { AccountScope, useScopedAccountId } from '../accounts/account-scope';
import { CreateJobPage } from './create-job-page';
import { JobDetailPage } from './job-detail-page';
import { JobListPage } from './job-list-page';

/**
 * The Jobs page: the window account's jobs (`#jobs`, or one pool's: `#jobs?poolId=…`), one job with its tasks
 * (`#jobs?accountId=…&jobId=…[&taskId=…]`), or the create form (`#jobs?create=1[&poolId=…]`). A route that names its
 * account keeps it, whichever account the window switches to meanwhile.
 */
export function JobsPage() {
  const params = useNavigation((s) => s.route.params);
  const windowAccountId = useScopedAccountId();
  const accountId = params.accountId ?? windowAccountId;
  if (params.create) {
    return (
      <AccountScope accountId={accountId}>
        <CreateJobPage poolId={params.poolId} />
      </AccountScope>
    );
  }
  if (params.jobId) {
    return (
      <AccountScope accountId={accountId}>
        <JobDetailPage key={`${accountId}/${params.jobId}`} accountId={accountId} jobId={params.jobId} taskId={params.taskId} />
      </AccountScope>
    );
  }
  return (
    <AccountScope accountId={accountId}>
      <JobListPage poolId={params.poolId} />
    </AccountScope>
  );
}
