import { batchPath, type BatchRequester, type CallOptions, type ListOptions } from '../batch-requester';
import type { BatchTaskCreateResult } from '../models/jobs';
import type { BatchTask, BatchTaskCreateOptions } from '../models/tasks';
import { selectQuery, type GetOptions } from './pool-operations';

/** The most tasks one add-collection request may carry. */
export const maxTasksPerCollection = 100;

/** Tasks of a job: list, get, add, add a collection, terminate, delete, reactivate. */
export function taskOperations(requester: BatchRequester) {
  const post = async (path: string, expect: number[], options: CallOptions) => {
    await requester.send({ method: 'POST', path, expect }, options);
  };
  return {
    /** GET /jobs/{jobId}/tasks, every page. */
    list: (jobId: string, options: ListOptions = {}) => requester.listAll<BatchTask>(batchPath`/jobs/${jobId}/tasks`, options),
    /** GET /jobs/{jobId}/tasks: one page, the first or the one `nextLink` (from the previous page) names. */
    page: (jobId: string, options: ListOptions = {}, nextLink?: string) => requester.page<BatchTask>(batchPath`/jobs/${jobId}/tasks`, options, {}, nextLink),
    /** GET /jobs/{jobId}/tasks/{taskId}. */
    get: async (jobId: string, taskId: string, options: GetOptions = {}) =>
      (await requester.send<BatchTask>({ method: 'GET', path: batchPath`/jobs/${jobId}/tasks/${taskId}`, query: selectQuery(options), expect: [200] }, options)).body,
    /** POST /jobs/{jobId}/tasks (201). Never resent after a dropped connection. */
    add: async (jobId: string, task: BatchTaskCreateOptions, options: CallOptions = {}) => {
      await requester.send({ method: 'POST', path: batchPath`/jobs/${jobId}/tasks`, body: task, expect: [201], resendAfterDrop: false }, options);
    },
    /** POST /jobs/{jobId}/addtaskcollection (200): up to 100 tasks; each gets its own result (success or its error). */
    addCollection: async (jobId: string, tasks: BatchTaskCreateOptions[], options: CallOptions = {}) => {
      if (tasks.length > maxTasksPerCollection) throw new RangeError(`At most ${maxTasksPerCollection} tasks per request (got ${tasks.length}).`);
      const response = await requester.send<{ value?: BatchTaskCreateResult[] }>(
        { method: 'POST', path: batchPath`/jobs/${jobId}/addtaskcollection`, body: { value: tasks }, expect: [200], resendAfterDrop: false },
        options,
      );
      return response.body.value ?? [];
    },
    /** POST …/terminate (204). */
    terminate: (jobId: string, taskId: string, options: CallOptions = {}) => post(batchPath`/jobs/${jobId}/tasks/${taskId}/terminate`, [204], options),
    /** DELETE /jobs/{jobId}/tasks/{taskId} (200). */
    delete: async (jobId: string, taskId: string, options: CallOptions = {}) => {
      await requester.send({ method: 'DELETE', path: batchPath`/jobs/${jobId}/tasks/${taskId}`, expect: [200] }, options);
    },
    /** POST …/reactivate (204): a failed task runs again with its retry count reset. */
    reactivate: (jobId: string, taskId: string, options: CallOptions = {}) => post(batchPath`/jobs/${jobId}/tasks/${taskId}/reactivate`, [204], options),
  };
}
