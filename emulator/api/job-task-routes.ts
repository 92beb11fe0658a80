import type { Router } from './router';
import type { RequestContext } from './request-context';
import { metadataUrl, sendJson } from './respond';
import { BatchApiError } from './batch-error';
import { sendPage } from './paging';
import type { Emulator } from './emulator-context';
import { jobOr404 } from './job-routes';
import type { JobNodeTaskRecord, JsonObject, StoredJob } from '../state/model';

/** GET /jobs/{id}/taskcounts: read from the counters the job's task table keeps, never by scanning its tasks. */
function taskCounts(em: Emulator, ctx: RequestContext): void {
  const job = jobOr404(em, ctx.params.jobId as string);
  const table = em.store.tableOf(job.id);
  sendJson(ctx, 200, { 'odata.metadata': metadataUrl(ctx, 'taskcounts/@Element'), taskCounts: { ...table.tally }, taskSlotCounts: { ...table.slotTally } });
}

function recordWire(record: JobNodeTaskRecord, url: string): JsonObject {
  return { ...record, taskRootDirectoryUrl: url };
}

/** One node's entry of jobpreparationandreleasetaskstatus. */
function statusWire(ctx: RequestContext, job: StoredJob, nodeRun: NonNullable<StoredJob['nodeRuns']>[string]): JsonObject {
  const nodeUrl = `${ctx.endpoint}/pools/${nodeRun.poolId}/nodes/${nodeRun.nodeId}`;
  const folder = (name: string) => `${nodeUrl}/files/workitems/${job.id}/job-1/${name}`;
  const wire: JsonObject = { poolId: nodeRun.poolId, nodeId: nodeRun.nodeId, nodeUrl };
  if (nodeRun.preparation) wire.jobPreparationTaskExecutionInfo = recordWire(nodeRun.preparation, folder('jobpreparation'));
  if (nodeRun.release) wire.jobReleaseTaskExecutionInfo = recordWire(nodeRun.release, folder('jobrelease'));
  return wire;
}

/** GET /jobs/{id}/jobpreparationandreleasetaskstatus: a 409 for a job with neither task, as on the service. */
function preparationStatus(em: Emulator, ctx: RequestContext): void {
  const job = jobOr404(em, ctx.params.jobId as string);
  if (!job.spec.jobPreparationTask && !job.spec.jobReleaseTask) {
    throw new BatchApiError(409, 'JobPreparationTaskOrReleaseTaskNotSpecified', 'The specified job does not have a job preparation or release task.');
  }
  const value = Object.values(job.nodeRuns ?? {}).map((run) => statusWire(ctx, job, run));
  sendPage(ctx, 'jobpreparationandreleasetaskstatus', { value });
}

/** Registers the job-wide task views: task counts and the preparation/release task status per node. */
export function addJobTaskRoutes(router: Router, em: Emulator): void {
  router
    .add('GET', 'jobs/:jobId/taskcounts', (ctx) => taskCounts(em, ctx))
    .add('GET', 'jobs/:jobId/jobpreparationandreleasetaskstatus', (ctx) => preparationStatus(em, ctx));
}
