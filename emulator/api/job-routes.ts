import type { Router } from './router';
import type { RequestContext } from './request-context';
import { jsonBody, optionalJsonBody } from './request-context';
import { metadataUrl, sendEmpty, sendJson } from './respond';
import { fail } from './batch-error';
import { checkConditions } from './conditions';
import { pageOf, sendPage } from './paging';
import { applySelect } from './select';
import { httpDate, type Emulator } from './emulator-context';
import { oneOf, str } from './validate';
import { JOB_UPDATE_PROPERTIES, validateJobAdd, validateJobFields } from './validate-job';
import { isoNow, newETag } from '../state/ids';
import { touchJob } from '../state/job-lifecycle';
import type { JsonObject, StoredJob } from '../state/model';

/** The service's "no limit" wall-clock time (TimeSpan.MaxValue). */
const UNLIMITED = 'P10675199DT2H48M5.4775807S';

/** A job in wire shape (BatchJob), defaults filled in as the service writes them. */
function jobWire(job: StoredJob, endpoint: string): JsonObject {
  const spec = job.spec;
  const wire: JsonObject = {
    id: job.id, displayName: spec.displayName, url: `${endpoint}/jobs/${job.id}`, eTag: job.eTag, lastModified: job.lastModified,
    creationTime: job.creationTime, state: job.state, stateTransitionTime: job.stateTransitionTime,
    previousState: job.previousState, previousStateTransitionTime: job.previousStateTransitionTime,
    priority: spec.priority ?? 0, maxParallelTasks: spec.maxParallelTasks ?? -1, allowTaskPreemption: spec.allowTaskPreemption ?? false,
    usesTaskDependencies: spec.usesTaskDependencies ?? false,
    constraints: { maxWallClockTime: UNLIMITED, maxTaskRetryCount: 0, ...(spec.constraints as JsonObject | undefined) },
    jobManagerTask: spec.jobManagerTask, jobPreparationTask: spec.jobPreparationTask, jobReleaseTask: spec.jobReleaseTask,
    commonEnvironmentSettings: spec.commonEnvironmentSettings, poolInfo: spec.poolInfo, networkConfiguration: spec.networkConfiguration,
    executionInfo: { ...job.executionInfo }, onAllTasksComplete: spec.onAllTasksComplete ?? 'noaction', onTaskFailure: spec.onTaskFailure ?? 'noaction',
    metadata: spec.metadata,
  };
  for (const key of Object.keys(wire)) if (wire[key] === undefined) delete wire[key];
  return wire;
}

/** A job by id, or the service's JobNotFound. */
export function jobOr404(em: Emulator, id: string): StoredJob {
  const job = em.store.job(id);
  if (!job) throw fail.jobNotFound();
  return job;
}

/** A job that may still change: not completed, terminating or being deleted. */
function changeableJob(em: Emulator, ctx: RequestContext): StoredJob {
  const job = jobOr404(em, ctx.params.jobId as string);
  checkConditions(ctx, job.eTag, job.lastModified, 'write');
  if (job.state === 'deleting') throw fail.jobBeingDeleted();
  if (job.state === 'completed') throw fail.jobCompleted();
  if (job.state === 'terminating') throw fail.jobBeingTerminated();
  return job;
}

function acknowledge(ctx: RequestContext, job: StoredJob, status: number): void {
  const url = `${ctx.endpoint}/jobs/${job.id}`;
  const headers: Record<string, string> = { ETag: job.eTag, 'Last-Modified': httpDate(job.lastModified), DataServiceId: url };
  if (status === 201 || status === 202) headers.Location = url;
  sendEmpty(ctx, status, headers);
}

function addJob(em: Emulator, ctx: RequestContext): void {
  const { id, spec } = validateJobAdd(jsonBody(ctx));
  const existing = em.store.job(id);
  if (existing) throw existing.state === 'deleting' ? fail.jobBeingDeleted() : fail.jobExists();
  const now = new Date();
  const iso = isoNow(now);
  const poolId = (spec.poolInfo as JsonObject).poolId as string;
  const job: StoredJob = { id, spec, eTag: newETag(now), lastModified: iso, creationTime: iso, state: 'active', stateTransitionTime: iso, executionInfo: { startTime: iso, poolId } };
  em.store.addJob(job);
  acknowledge(ctx, job, 201);
}

/** PATCH changes the fields present; PUT (replace) also resets the absent ones to their defaults. */
function updateJob(em: Emulator, ctx: RequestContext, replace: boolean): void {
  const job = changeableJob(em, ctx);
  const body = jsonBody(ctx);
  if (replace && !body.poolInfo) throw fail.missingProperty('poolInfo');
  validateJobFields(body);
  const newPool = (body.poolInfo as JsonObject | undefined)?.poolId;
  const oldPool = (job.spec.poolInfo as JsonObject).poolId;
  if (typeof newPool === 'string' && newPool.toLowerCase() !== String(oldPool).toLowerCase() && job.state !== 'disabled') {
    throw fail.invalidForState('A job can move to another pool only while it is disabled.');
  }
  if (job.spec.onAllTasksComplete === 'terminatejob' && (body.onAllTasksComplete === 'noaction' || (replace && body.onAllTasksComplete === undefined))) {
    throw fail.invalidProperty('onAllTasksComplete', 'Automatic job termination cannot be turned off once it is on.', 'noaction');
  }
  for (const name of JOB_UPDATE_PROPERTIES) {
    if (body[name] !== undefined && body[name] !== null) job.spec[name] = body[name];
    else if (replace && name !== 'networkConfiguration') delete job.spec[name];
  }
  if (typeof newPool === 'string') job.executionInfo.poolId = newPool;
  touchJob(job);
  em.store.changed();
  acknowledge(ctx, job, 200);
}

function terminateJob(em: Emulator, ctx: RequestContext): void {
  const job = changeableJob(em, ctx);
  const reason = str(optionalJsonBody(ctx), 'terminateReason', { max: 1024 }) ?? 'UserTerminate';
  em.jobs.terminate(job, reason);
  acknowledge(ctx, job, 202);
}

function disableJob(em: Emulator, ctx: RequestContext): void {
  const job = changeableJob(em, ctx);
  const disableTasks = oneOf(jsonBody(ctx), 'disableTasks', ['requeue', 'terminate', 'wait'] as const, { required: true });
  if (job.state !== 'active') throw fail.invalidForState(`Only an active job can be disabled; the job is ${job.state}.`);
  em.jobs.disable(job, disableTasks ?? 'requeue');
  acknowledge(ctx, job, 202);
}

function enableJob(em: Emulator, ctx: RequestContext): void {
  const job = changeableJob(em, ctx);
  if (job.state !== 'disabled' && job.state !== 'disabling') throw fail.invalidForState(`Only a disabled job can be enabled; the job is ${job.state}.`);
  em.jobs.enable(job);
  acknowledge(ctx, job, 202);
}

function deleteJob(em: Emulator, ctx: RequestContext): void {
  const job = jobOr404(em, ctx.params.jobId as string);
  checkConditions(ctx, job.eTag, job.lastModified, 'write');
  if (job.state === 'deleting') throw fail.jobBeingDeleted();
  em.jobs.delete(job);
  sendEmpty(ctx, 202);
}

/**
 * Registers the job operations. Tasks are stored but not run yet (issue 12): none is ever running, so terminating, disabling
 * and deleting finish after a short step.
 */
export function addJobRoutes(router: Router, em: Emulator): void {
  router
    .add('POST', 'jobs', (ctx) => addJob(em, ctx))
    .add('GET', 'jobs', (ctx) => sendPage(ctx, 'jobs', pageOf(ctx, em.store.allJobs(), (j) => j.id, (j) => jobWire(j, ctx.endpoint), { max: 1000 })))
    .add('GET', 'jobs/:jobId', (ctx) => {
      const job = jobOr404(em, ctx.params.jobId as string);
      checkConditions(ctx, job.eTag, job.lastModified, 'read');
      const body = { 'odata.metadata': metadataUrl(ctx, 'jobs/@Element'), ...applySelect(ctx, jobWire(job, ctx.endpoint)) };
      sendJson(ctx, 200, body, { ETag: job.eTag, 'Last-Modified': httpDate(job.lastModified) });
    })
    .add('PATCH', 'jobs/:jobId', (ctx) => updateJob(em, ctx, false))
    .add('PUT', 'jobs/:jobId', (ctx) => updateJob(em, ctx, true))
    .add('DELETE', 'jobs/:jobId', (ctx) => deleteJob(em, ctx))
    .add('POST', 'jobs/:jobId/terminate', (ctx) => terminateJob(em, ctx))
    .add('POST', 'jobs/:jobId/disable', (ctx) => disableJob(em, ctx))
    .add('POST', 'jobs/:jobId/enable', (ctx) => enableJob(em, ctx));
}
