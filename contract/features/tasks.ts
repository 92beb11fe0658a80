import { z } from 'zod';
import { invoke } from '../channel';
import { accountIdSchema } from './accounts';
import { maxFileChunkBytes, nodeFilePathSchema } from './batch';
import { batchItemIdSchema, durationSchema, environmentSchema, jobIdSchema } from './jobs';
import type { FileChunk } from './batch-models';
import { taskColumns, type TaskDetail, type TaskFileBytes, type TaskFileEntry, type TaskPage, type TaskShellResult } from './jobs-models';
import { terminalSizeSchema } from './terminal';

/** A task id. */
export const taskIdSchema = batchItemIdSchema('task');

/**
 * Server-side task filters (`$filter`): `failed`/`succeeded` go by `executionInfo/result`, so a task that failed with
 * exit code 0 (could not start, hit its wall clock limit) is counted as failed, as `taskcounts` counts it.
 */
export const taskFilters = ['all', 'active', 'running', 'completed', 'succeeded', 'failed'] as const;
/** One of {@link taskFilters}. */
export type TaskFilter = (typeof taskFilters)[number];

/**
 * The Batch service lists tasks in its own order and cannot sort them (no `$orderby`): any sort the UI offers is over
 * the pages loaded so far, and the UI says so.
 */
export const taskSortIsClientSide = true;

/** Largest page `tasks:page` asks the service for (its limit). */
export const maxTaskPageSize = 1000;

/** Most tasks one add-collection operation takes (sent 100 per request). */
export const maxTasksPerAdd = 100_000;

/** A new task as the add form (or a parsed collection row) describes it. */
export const taskSpecSchema = z
  .object({
    id: taskIdSchema,
    displayName: z.string().max(1024, 'A display name is at most 1024 characters.').optional(),
    /** Run without a shell, as Batch does on Linux: wrap in `/bin/bash -c '…'` for pipes and $VARIABLES. */
    commandLine: z.string().trim().min(1, 'Enter a command line.').max(32_768, 'A command line is at most 32,768 characters.'),
    /** `userIdentity.autoUser`: nonadmin (default) or admin, pool-wide (default) or a user of its own for this task. */
    elevation: z.enum(['nonadmin', 'admin']).default('nonadmin'),
    userScope: z.enum(['pool', 'task']).default('pool'),
    maxTaskRetryCount: z.number().int().min(-1, '-1 (retry forever) is the lowest value.').max(100, 'At most 100 retries.').optional(),
    maxWallClockTime: durationSchema.optional(),
    environment: environmentSchema,
    requiredSlots: z.number().int().min(1).max(256).optional(),
  })
  .strict();

/** A task as the form describes it (after defaults). */
export type TaskSpec = z.output<typeof taskSpecSchema>;
/** What the form or parser may send (before defaults). */
export type TaskSpecInput = z.input<typeof taskSpecSchema>;

/** Bulk task actions. */
export const taskActions = ['reactivate', 'terminate', 'delete'] as const;
/** One of {@link taskActions}. */
export type TaskAction = (typeof taskActions)[number];

/** Which tasks a bulk action targets: the selected ids, or every task now matching a server-side filter (main lists them). */
export const taskTargetSchema = z.union([
  z.object({ taskIds: z.array(taskIdSchema).min(1, 'Select at least one task.').max(maxTasksPerAdd) }).strict(),
  z.object({ filter: z.enum(taskFilters) }).strict(),
]);

const account = { accountId: accountIdSchema };
const taskRef = z.object({ ...account, jobId: jobIdSchema, taskId: taskIdSchema }).strict();
const fileRef = taskRef.extend({ path: nodeFilePathSchema }).strict();

/** Channels of tasks: pages filtered on the server, detail, output, adding, bulk actions, a shell where one ran. */
export const tasksChannels = {
  /**
   * One page of a job's tasks, filtered on the server, with only the asked columns (`$select`). Without `pageToken`:
   * the first page; with it: the page after the one that returned it. The service does not sort tasks
   * ({@link taskSortIsClientSide}). An expired token answers NOT_FOUND: start again from the first page.
   */
  'tasks:page': invoke(
    z
      .object({
        ...account,
        jobId: jobIdSchema,
        filter: z.enum(taskFilters).default('all'),
        columns: z.array(z.enum(taskColumns)).max(taskColumns.length).default(['state', 'exitCode', 'endTime']),
        maxResults: z.number().int().min(1).max(maxTaskPageSize).default(500),
        pageToken: z.string().min(1).max(100).optional(),
      })
      .strict(),
  ).returns<TaskPage>(),
  /** One task with command line, times, exit code, failure info, retries, node, environment, resource and output files. */
  'tasks:get': invoke(taskRef).returns<TaskDetail>(),
  /** The files in a task's folder (`recursive`: with `wd/` and below). */
  'tasks:files': invoke(taskRef.extend({ recursive: z.boolean().default(false) }).strict()).returns<TaskFileEntry[]>(),
  /**
   * A byte range of a task file as text on whole UTF-8 characters (`ocp-range`), or its last `maxBytes` with `tail`.
   * To follow a running task, read again from the previous answer's `end`.
   */
  'tasks:file-read': invoke(
    fileRef
      .extend({
        fromByte: z.number().int().min(0).optional(),
        maxBytes: z.number().int().min(1).max(maxFileChunkBytes).default(64 * 1024),
        tail: z.boolean().default(false),
      })
      .strict(),
  ).returns<FileChunk>(),
  /** Raw bytes of a task file from `fromByte` (base64), for a download read chunk after chunk until `end === size`. */
  'tasks:file-bytes': invoke(
    fileRef.extend({ fromByte: z.number().int().min(0).default(0), maxBytes: z.number().int().min(1).max(maxFileChunkBytes).default(maxFileChunkBytes) }).strict(),
  ).returns<TaskFileBytes>(),
  /** Adds one task. TaskExists when the id is taken. */
  'tasks:add': invoke(z.object({ ...account, jobId: jobIdSchema, task: taskSpecSchema }).strict()).returns<{ taskId: string }>(),
  /**
   * Adds many tasks as an operation (kind `task-add`, one item per task id): 100 per request, a few requests at a time;
   * each task ends `added` or failed with the service's code (TaskExists, RequestBodyTooLarge, …), the others go on.
   * Ids must be unique within the request.
   */
  'tasks:add-collection': invoke(
    z
      .object({ ...account, jobId: jobIdSchema, tasks: z.array(taskSpecSchema).min(1, 'Add at least one task.').max(maxTasksPerAdd) })
      .strict()
      .superRefine((r, ctx) => {
        const seen = new Set<string>();
        r.tasks.forEach((t, i) => {
          const key = t.id.toLowerCase();
          if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `Task id ${t.id} appears more than once (ids are unique, ignoring case).`, path: ['tasks', i, 'id'] });
          seen.add(key);
        });
      }),
  ).returns<{ operationId: string; total: number }>(),
  /** Reactivates, terminates or deletes the selected tasks or every task matching a filter, as an operation (kind `task-action`). */
  'tasks:action': invoke(
    z.object({ ...account, jobId: jobIdSchema, action: z.enum(taskActions), target: taskTargetSchema }).strict(),
  ).returns<{ operationId: string; total: number }>(),
  /**
   * "Open a shell here": provisions an admin user (managed key, short expiry) on the node that ran the task, and opens
   * an SSH terminal there that starts in `<taskRootDirectory>/wd` with the task's environment and AZ_BATCH_* exported.
   * CONFLICT when the task has not been scheduled onto a node yet.
   */
  'tasks:open-shell': invoke(taskRef.extend({ cols: terminalSizeSchema.shape.cols.default(80), rows: terminalSizeSchema.shape.rows.default(24) }).strict()).returns<TaskShellResult>(),
};
