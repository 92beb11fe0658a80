import { batchPath, type BatchRequester, type CallOptions, type ListOptions } from '../batch-requester';
import type { BatchJob, BatchJobCreateOptions, BatchJobDisableOptions, BatchJobTerminateOptions, BatchTaskCountsResult } from '../models/jobs';
import { selectQuery, type GetOptions } from './pool-operations';

/** Jobs: list, get, create, terminate, delete, disable, enable, task counts. */
export function jobOperations(requester: BatchRequester) {
  const post = async (path: string, body: object | undefined, expect: number[], options: CallOptions) => {
    await requester.send({ method: 'POST', path, ...(body ? { body } : {}), expect }, options);
  };
  return {
    /** GET /jobs, every page. */
    list: (options: ListOptions = {}) => requester.listAll<BatchJob>('/jobs', options),
    /** GET /jobs/{jobId}. */
    get: async (jobId: string, options: GetOptions = {}) =>
      (await requester.send<BatchJob>({ method: 'GET', path: batchPath`/jobs/${jobId}`, query: selectQuery(options), expect: [200] }, options)).body,
    /** POST /jobs (201). Never resent after a dropped connection. */
    create: async (job: BatchJobCreateOptions, options: CallOptions = {}) => {
      await requester.send({ method: 'POST', path: '/jobs', body: job, expect: [201], resendAfterDrop: false }, options);
    },
    /** POST /jobs/{jobId}/terminate (202). */
    terminate: (jobId: string, body: BatchJobTerminateOptions = {}, options: CallOptions = {}) => post(batchPath`/jobs/${jobId}/terminate`, body, [202], options),
    /** DELETE /jobs/{jobId} (202). */
    delete: async (jobId: string, options: CallOptions = {}) => {
      await requester.send({ method: 'DELETE', path: batchPath`/jobs/${jobId}`, expect: [202] }, options);
    },
    /** POST /jobs/{jobId}/disable (202). */
    disable: (jobId: string, body: BatchJobDisableOptions, options: CallOptions = {}) => post(batchPath`/jobs/${jobId}/disable`, body, [202], options),
    /** POST /jobs/{jobId}/enable (202). */
    enable: (jobId: string, options: CallOptions = {}) => post(batchPath`/jobs/${jobId}/enable`, undefined, [202], options),
    /** GET /jobs/{jobId}/taskcounts: tasks and task slots per state. */
    getTaskCounts: async (jobId: string, options: CallOptions = {}) =>
      (await requester.send<BatchTaskCountsResult>({ method: 'GET', path: batchPath`/jobs/${jobId}/taskcounts`, expect: [200] }, options)).body,
  };
}
