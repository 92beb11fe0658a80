import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Router } from './router';
import type { RequestContext } from './request-context';
import { jsonBody } from './request-context';
import { metadataUrl, sendEmpty, sendJson } from './respond';
import { BatchApiError, fail } from './batch-error';
import { checkConditions } from './conditions';
import { pageOf, sendPage } from './paging';
import { applySelect } from './select';
import { httpDate, type Emulator } from './emulator-context';
import { taskCollection, validateTaskAdd } from './validate-task';
import { resolveUnder, sendFile, sendFolderListing } from './file-routes';
import { jobOr404 } from './job-routes';
import { refOf } from '../state/node-lifecycle';
import { isoNow, newETag } from '../state/ids';
import type { JsonObject, StoredJob, StoredTask } from '../state/model';

/** The service's "no limit" time span (TimeSpan.MaxValue). */
const UNLIMITED = 'P10675199DT2H48M5.4775807S';

/** A task in wire shape (BatchTask), defaults filled in as the service writes them. */
function taskWire(task: StoredTask, endpoint: string): JsonObject {
  const spec = task.spec;
  const wire: JsonObject = {
    ...spec,
    id: task.id, url: `${endpoint}/jobs/${task.jobId}/tasks/${task.id}`, eTag: task.eTag, creationTime: task.creationTime,
    lastModified: task.lastModified, state: task.state, stateTransitionTime: task.stateTransitionTime,
    userIdentity: spec.userIdentity ?? { autoUser: { scope: 'pool', elevationLevel: 'nonadmin' } },
    constraints: { maxWallClockTime: UNLIMITED, retentionTime: 'P7D', maxTaskRetryCount: 0, ...(spec.constraints as JsonObject | undefined) },
    requiredSlots: spec.requiredSlots ?? 1,
    executionInfo: { retryCount: 0, requeueCount: 0 },
  };
  return wire;
}

function taskOr404(em: Emulator, ctx: RequestContext): StoredTask {
  const job = jobOr404(em, ctx.params.jobId as string);
  const task = em.store.task(job.id, ctx.params.taskId as string);
  if (!task) throw fail.taskNotFound();
  return task;
}

/** A job that takes new tasks: active or disabled, not completed, terminating or being deleted. */
function jobTakingTasks(em: Emulator, ctx: RequestContext): StoredJob {
  const job = jobOr404(em, ctx.params.jobId as string);
  if (job.state === 'deleting') throw fail.jobBeingDeleted();
  if (job.state === 'completed') throw fail.jobCompleted();
  if (job.state === 'terminating') throw fail.jobBeingTerminated();
  return job;
}

function newTask(job: StoredJob, id: string, spec: JsonObject): StoredTask {
  const now = new Date();
  const iso = isoNow(now);
  return { id, jobId: job.id, spec, eTag: newETag(now), lastModified: iso, creationTime: iso, state: 'active', stateTransitionTime: iso };
}

function addTask(em: Emulator, ctx: RequestContext): void {
  const job = jobTakingTasks(em, ctx);
  const { id, spec } = validateTaskAdd(jsonBody(ctx));
  if (em.store.task(job.id, id)) throw fail.taskExists();
  const task = newTask(job, id, spec);
  em.store.addTasks([task]);
  const url = `${ctx.endpoint}/jobs/${job.id}/tasks/${task.id}`;
  sendEmpty(ctx, 201, { ETag: task.eTag, 'Last-Modified': httpDate(task.lastModified), Location: url, DataServiceId: url });
}

/** One BatchTaskCreateResult: success with the new task's ETag, or the error that task alone met. */
function addOne(em: Emulator, ctx: RequestContext, job: StoredJob, raw: JsonObject, seen: Set<string>, added: StoredTask[]): JsonObject {
  const taskId = typeof raw.id === 'string' ? raw.id : '';
  try {
    const { id, spec } = validateTaskAdd(raw);
    if (seen.has(id.toLowerCase()) || em.store.task(job.id, id)) throw fail.taskExists();
    seen.add(id.toLowerCase());
    const task = newTask(job, id, spec);
    added.push(task);
    return { taskId: id, status: 'success', eTag: task.eTag, lastModified: task.lastModified, location: `${ctx.endpoint}/jobs/${job.id}/tasks/${id}` };
  } catch (error) {
    if (!(error instanceof BatchApiError)) throw error;
    const status = error.status >= 500 ? 'servererror' : 'clienterror';
    return { taskId, status, error: { code: error.code, message: { lang: 'en-US', value: error.text }, values: error.values } };
  }
}

function addTaskCollection(em: Emulator, ctx: RequestContext): void {
  const job = jobTakingTasks(em, ctx);
  const raws = taskCollection(jsonBody(ctx));
  const seen = new Set<string>();
  const added: StoredTask[] = [];
  const value = raws.map((raw) => addOne(em, ctx, job, raw, seen, added));
  if (added.length > 0) em.store.addTasks(added);
  sendJson(ctx, 200, { 'odata.metadata': metadataUrl(ctx, 'taskaddresult'), value });
}

function deleteTask(em: Emulator, ctx: RequestContext): void {
  const task = taskOr404(em, ctx);
  checkConditions(ctx, task.eTag, task.lastModified, 'write');
  em.store.removeTask(task.jobId, task.id);
  sendEmpty(ctx, 200);
}

/**
 * The task's folder (`workitems/<job>/job-1/<task>` under a node root) on the first node of the job's pool that
 * holds it. Tasks do not run in the emulator yet (issue 12), so the folder exists only where something wrote it.
 */
async function taskFolder(em: Emulator, task: StoredTask): Promise<string> {
  const job = jobOr404(em, task.jobId);
  const poolId = job.executionInfo.poolId ?? String((job.spec.poolInfo as JsonObject | undefined)?.poolId ?? '');
  for (const node of em.store.nodesOf(poolId)) {
    const dir = path.join(em.runtime.nodeDir(refOf(node)), 'workitems', job.id, 'job-1', task.id);
    if (await access(dir).then(() => true, () => false)) return dir;
  }
  throw fail.fileNotFound();
}

function taskFileUrl(ctx: RequestContext, task: StoredTask, name: string): string {
  return `${ctx.endpoint}/jobs/${task.jobId}/tasks/${task.id}/files/${name.split('/').map(encodeURIComponent).join('/')}`;
}

async function listTaskFiles(em: Emulator, ctx: RequestContext): Promise<void> {
  const task = taskOr404(em, ctx);
  await sendFolderListing(ctx, await taskFolder(em, task), (name) => taskFileUrl(ctx, task, name));
}

async function getTaskFile(em: Emulator, ctx: RequestContext): Promise<void> {
  const task = taskOr404(em, ctx);
  const { root, full } = await resolveUnder(await taskFolder(em, task), ctx.params.filePath as string);
  await sendFile(ctx, root, full, (name) => taskFileUrl(ctx, task, name));
}

/** Registers the task operations and the task file routes. Tasks are stored and listed; they do not run yet (issue 12). */
export function addTaskRoutes(router: Router, em: Emulator): void {
  router
    .add('POST', 'jobs/:jobId/tasks', (ctx) => addTask(em, ctx))
    .add('POST', 'jobs/:jobId/addtaskcollection', (ctx) => addTaskCollection(em, ctx))
    .add('GET', 'jobs/:jobId/tasks', (ctx) => {
      const job = jobOr404(em, ctx.params.jobId as string);
      sendPage(ctx, 'tasks', pageOf(ctx, em.store.tasksOf(job.id), (t) => t.id, (t) => taskWire(t, ctx.endpoint), { max: 1000 }));
    })
    .add('GET', 'jobs/:jobId/tasks/:taskId', (ctx) => {
      const task = taskOr404(em, ctx);
      checkConditions(ctx, task.eTag, task.lastModified, 'read');
      const body = { 'odata.metadata': metadataUrl(ctx, 'tasks/@Element'), ...applySelect(ctx, taskWire(task, ctx.endpoint)) };
      sendJson(ctx, 200, body, { ETag: task.eTag, 'Last-Modified': httpDate(task.lastModified) });
    })
    .add('DELETE', 'jobs/:jobId/tasks/:taskId', (ctx) => deleteTask(em, ctx))
    .add('GET', 'jobs/:jobId/tasks/:taskId/files', (ctx) => listTaskFiles(em, ctx))
    .add('GET', 'jobs/:jobId/tasks/:taskId/files/*filePath', (ctx) => getTaskFile(em, ctx))
    .add('HEAD', 'jobs/:jobId/tasks/:taskId/files/*filePath', (ctx) => getTaskFile(em, ctx));
}
