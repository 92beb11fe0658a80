import { jobCreateBody } from '../../contract/features/job-body';
import type { JobSpec } from '../../contract/features/jobs';
import type { JobDetail, JobsResult, JobTaskCountsResult, TaskDetail } from '../../contract/features/jobs-models';
import type { BatchClientSource } from '../batch/batch-client-source';
import { restCall } from '../batch/rest-call';
import type { BatchJobCreateOptions } from '../batch/rest/models/jobs';
import { toBatchFailure } from '../batch/service-error';
import { runBounded } from '../operations/bounded-pool';
import { jobListSelect, toJobDetail, toJobSummary } from './job-mapping';
import { toTaskDetail } from './task-mapping';

/** Task-count requests in flight at once for one `jobs:task-counts` call. */
const countsConcurrency = 8;

/**
 * Jobs of the account each call names: list (without counts), task counts for the jobs on screen, detail, create on a
 * pool, terminate, delete, disable, enable; and one task's detail. Failures keep what Batch said (JobExists, JobNotFound, …).
 */
export class JobsService {
  constructor(
    private readonly source: BatchClientSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every job, all pages, only the listed fields. */
  async list(accountId: string): Promise<JobsResult> {
    const ctx = await this.source.forAccount(accountId);
    const fetchedAt = this.now().toISOString();
    const jobs = await restCall(ctx.account.endpoint, () => ctx.rest.jobs.list({ select: jobListSelect, maxResults: 1000 }));
    return { fetchedAt, jobs: jobs.map(toJobSummary) };
  }

  /** `/taskcounts` of each job, a few at a time; a job that fails (deleted meanwhile) carries its error, the rest their counts. */
  async taskCounts(accountId: string, jobIds: string[]): Promise<JobTaskCountsResult> {
    const ctx = await this.source.forAccount(accountId);
    const counts: JobTaskCountsResult['counts'] = {};
    await runBounded([...new Set(jobIds)], countsConcurrency, async (jobId) => {
      try {
        const { taskCounts: c } = await ctx.rest.jobs.getTaskCounts(jobId);
        counts[jobId] = { active: c.active, running: c.running, completed: c.completed, succeeded: c.succeeded, failed: c.failed };
      } catch (error) {
        const failure = toBatchFailure(error, ctx.account.endpoint);
        counts[jobId] = { error: { code: failure.code, message: failure.message } };
      }
    });
    return { fetchedAt: this.now().toISOString(), counts };
  }

  /** One job. */
  async get(accountId: string, jobId: string): Promise<JobDetail> {
    const ctx = await this.source.forAccount(accountId);
    return toJobDetail(await restCall(ctx.account.endpoint, () => ctx.rest.jobs.get(jobId)));
  }

  /** One task of a job, everything the detail shows (SAS query strings hidden). */
  async task(accountId: string, jobId: string, taskId: string): Promise<TaskDetail> {
    const ctx = await this.source.forAccount(accountId);
    return toTaskDetail(jobId, await restCall(ctx.account.endpoint, () => ctx.rest.tasks.get(jobId, taskId)));
  }

  /** Creates the job on its pool (the body `jobCreateBody` shows for Copy as JSON). */
  async create(accountId: string, spec: JobSpec): Promise<{ jobId: string }> {
    const ctx = await this.source.forAccount(accountId);
    await restCall(ctx.account.endpoint, () => ctx.rest.jobs.create(jobCreateBody(spec) as unknown as BatchJobCreateOptions));
    return { jobId: spec.id };
  }

  /** Terminates the job (running tasks end, the job completes). */
  async terminate(accountId: string, jobId: string, reason?: string): Promise<{ jobId: string }> {
    return this.act(accountId, jobId, (rest) => rest.jobs.terminate(jobId, reason ? { terminateReason: reason } : {}));
  }

  /** Deletes the job and its tasks. */
  async delete(accountId: string, jobId: string): Promise<{ jobId: string }> {
    return this.act(accountId, jobId, (rest) => rest.jobs.delete(jobId));
  }

  /** Disables the job; `disableTasks` says what happens to running tasks. */
  async disable(accountId: string, jobId: string, disableTasks: 'requeue' | 'terminate' | 'wait'): Promise<{ jobId: string }> {
    return this.act(accountId, jobId, (rest) => rest.jobs.disable(jobId, { disableTasks }));
  }

  /** Enables a disabled job. */
  async enable(accountId: string, jobId: string): Promise<{ jobId: string }> {
    return this.act(accountId, jobId, (rest) => rest.jobs.enable(jobId));
  }

  private async act(accountId: string, jobId: string, call: (rest: Awaited<ReturnType<BatchClientSource['forAccount']>>['rest']) => Promise<void>): Promise<{ jobId: string }> {
    const ctx = await this.source.forAccount(accountId);
    await restCall(ctx.account.endpoint, () => call(ctx.rest));
    return { jobId };
  }
}
