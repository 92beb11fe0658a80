import { rm } from 'node:fs/promises';
import type { Router } from './router';
import type { RequestContext } from './request-context';
import { jsonBody } from './request-context';
import { metadataUrl, sendEmpty, sendJson } from './respond';
import { BatchApiError, fail } from './batch-error';
import { checkConditions } from './conditions';
import { sendPage } from './paging';
import { taskPage } from './task-list';
import { taskWire } from './task-wire';
import { selectedNames } from './select';
import { httpDate, type Emulator } from './emulator-context';
import { taskCollection, validateTaskAdd } from './validate-task';
import { moveTask } from '../state/task-state';
import { resolveUnder, sendFile, sendFolderListing } from './file-routes';
import { jobOr404 } from './job-routes';
import { isoNow, newETag } from '../state/ids';
import type { JsonObject, StoredJob, StoredTask } from '../state/model';

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
  if (job.state === 'active') em.tasks.kick();
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

/** The largest addtaskcollection body the service takes (1 MB); bigger ones must be split into fewer tasks. */
const MAX_COLLECTION_BYTES = 1024 * 1024;

function addTaskCollection(em: Emulator, ctx: RequestContext): void {
  const job = jobTakingTasks(em, ctx);
  if (ctx.body.length > MAX_COLLECTION_BYTES) throw fail.bodyTooLarge();
  const raws = taskCollection(jsonBody(ctx));
  const seen = new Set<string>();
  const added: StoredTask[] = [];
  const value = raws.map((raw) => addOne(em, ctx, job, raw, seen, added));
  if (added.length > 0) em.store.addTasks(added);
  if (added.length > 0 && job.state === 'active') em.tasks.kick();
  sendJson(ctx, 200, { 'odata.metadata': metadataUrl(ctx, 'taskaddresult'), value });
}

function deleteTask(em: Emulator, ctx: RequestContext): void {
  const task = taskOr404(em, ctx);
  checkConditions(ctx, task.eTag, task.lastModified, 'write');
  em.tasks.forget(task);
  em.store.removeTask(task.jobId, task.id);
  // The service deletes the task's folder on its node too.
  if (task.nodeInfo) void rm(task.nodeInfo.taskRootDirectory, { recursive: true, force: true }).catch(() => undefined);
  sendEmpty(ctx, 200);
}

function terminateTask(em: Emulator, ctx: RequestContext): void {
  const task = taskOr404(em, ctx);
  checkConditions(ctx, task.eTag, task.lastModified, 'write');
  if (task.state !== 'completed') em.tasks.terminate(task);
  sendEmpty(ctx, 204, { ETag: task.eTag, 'Last-Modified': httpDate(task.lastModified), DataServiceId: `${ctx.endpoint}/jobs/${task.jobId}/tasks/${task.id}` });
}

/** A failed, completed task becomes active again with its retry count and results cleared (its requeue count stays). */
function reactivateTask(em: Emulator, ctx: RequestContext): void {
  const task = taskOr404(em, ctx);
  checkConditions(ctx, task.eTag, task.lastModified, 'write');
  const job = jobTakingTasks(em, ctx);
  if (task.state !== 'completed') throw fail.invalidForState(`Only a completed task can be reactivated; the task is ${task.state}.`);
  if (task.executionInfo?.result !== 'failure') throw fail.invalidForState('The task completed successfully; only a failed task can be reactivated.');
  const requeueCount = task.executionInfo.requeueCount;
  const lastRequeueTime = task.executionInfo.lastRequeueTime;
  delete task.nodeInfo;
  moveTask(em.store, task, 'active', () => {
    task.executionInfo = { retryCount: 0, requeueCount, ...(lastRequeueTime ? { lastRequeueTime } : {}) };
  });
  if (job.state === 'active') em.tasks.kick();
  sendEmpty(ctx, 204, { ETag: task.eTag, 'Last-Modified': httpDate(task.lastModified), DataServiceId: `${ctx.endpoint}/jobs/${task.jobId}/tasks/${task.id}` });
}

/** PUT on a task changes its constraints only (BatchTaskUpdateOptions). */
function updateTask(em: Emulator, ctx: RequestContext): void {
  const task = taskOr404(em, ctx);
  checkConditions(ctx, task.eTag, task.lastModified, 'write');
  const body = jsonBody(ctx);
  const constraints = body.constraints;
  if (constraints !== undefined && (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints))) {
    throw fail.invalidProperty('constraints', 'The constraints must be an object.');
  }
  // Seeded tasks share one spec object: give this task its own before changing it.
  task.spec = { ...task.spec, constraints: { ...(task.spec.constraints as JsonObject | undefined), ...(constraints as JsonObject | undefined) } };
  moveTask(em.store, task, task.state);
  sendEmpty(ctx, 200, { ETag: task.eTag, 'Last-Modified': httpDate(task.lastModified), DataServiceId: `${ctx.endpoint}/jobs/${task.jobId}/tasks/${task.id}` });
}

/** The task's folder on the node that ran it (nodeInfo.taskRootDirectory); a task that never ran has no files. */
function taskFolder(task: StoredTask): string {
  if (!task.nodeInfo) throw fail.fileNotFound();
  return task.nodeInfo.taskRootDirectory;
}

function taskFileUrl(ctx: RequestContext, task: StoredTask, name: string): string {
  return `${ctx.endpoint}/jobs/${task.jobId}/tasks/${task.id}/files/${name.split('/').map(encodeURIComponent).join('/')}`;
}

async function listTaskFiles(em: Emulator, ctx: RequestContext): Promise<void> {
  const task = taskOr404(em, ctx);
  await sendFolderListing(ctx, taskFolder(task), (name) => taskFileUrl(ctx, task, name));
}

async function getTaskFile(em: Emulator, ctx: RequestContext): Promise<void> {
  const task = taskOr404(em, ctx);
  const { root, full } = await resolveUnder(taskFolder(task), ctx.params.filePath as string);
  await sendFile(ctx, root, full, (name) => taskFileUrl(ctx, task, name));
}

/** Registers the task operations and the task file routes; the scheduler (em.tasks) runs the tasks. */
export function addTaskRoutes(router: Router, em: Emulator): void {
  router
    .add('POST', 'jobs/:jobId/tasks', (ctx) => addTask(em, ctx))
    .add('POST', 'jobs/:jobId/addtaskcollection', (ctx) => addTaskCollection(em, ctx))
    .add('GET', 'jobs/:jobId/tasks', (ctx) => {
      const job = jobOr404(em, ctx.params.jobId as string);
      sendPage(ctx, 'tasks', taskPage(ctx, em.store.tableOf(job.id)));
    })
    .add('GET', 'jobs/:jobId/tasks/:taskId', (ctx) => {
      const task = taskOr404(em, ctx);
      checkConditions(ctx, task.eTag, task.lastModified, 'read');
      const body = { 'odata.metadata': metadataUrl(ctx, 'tasks/@Element'), ...taskWire(task, ctx.endpoint, selectedNames(ctx)) };
      sendJson(ctx, 200, body, { ETag: task.eTag, 'Last-Modified': httpDate(task.lastModified) });
    })
    .add('DELETE', 'jobs/:jobId/tasks/:taskId', (ctx) => deleteTask(em, ctx))
    .add('PUT', 'jobs/:jobId/tasks/:taskId', (ctx) => updateTask(em, ctx))
    .add('POST', 'jobs/:jobId/tasks/:taskId/terminate', (ctx) => terminateTask(em, ctx))
    .add('POST', 'jobs/:jobId/tasks/:taskId/reactivate', (ctx) => reactivateTask(em, ctx))
    .add('GET', 'jobs/:jobId/tasks/:taskId/subtasksinfo', (ctx) => {
      taskOr404(em, ctx);
      sendJson(ctx, 200, { 'odata.metadata': metadataUrl(ctx, 'Microsoft.Azure.Batch.Protocol.Entities.CloudTaskListSubtasksResult'), value: [] });
    })
    .add('GET', 'jobs/:jobId/tasks/:taskId/files', (ctx) => listTaskFiles(em, ctx))
    .add('GET', 'jobs/:jobId/tasks/:taskId/files/*filePath', (ctx) => getTaskFile(em, ctx))
    .add('HEAD', 'jobs/:jobId/tasks/:taskId/files/*filePath', (ctx) => getTaskFile(em, ctx));
}
