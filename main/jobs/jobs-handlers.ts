import type { jobsChannels } from '../../contract/features/jobs';
import type { tasksChannels } from '../../contract/features/tasks';
import type { PartialHandlers } from '../router';
import type { JobsService } from './jobs-service';
import type { TaskActionsService } from './task-actions-service';
import type { TaskAddService } from './task-add-service';
import type { TaskFilesService } from './task-files-service';
import type { TaskPagesService } from './task-pages';
import type { TaskShellService } from './task-shell-service';

/** The jobs feature's services. */
export interface JobsServices {
  jobs: JobsService;
  pages: TaskPagesService;
  files: TaskFilesService;
  add: TaskAddService;
  actions: TaskActionsService;
  shell: TaskShellService;
}

/** Channels the jobs feature answers: every channel of the jobs and tasks contract maps. */
export type JobsChannel = keyof typeof jobsChannels | keyof typeof tasksChannels;

/** Contract handlers for jobs and tasks. */
export function jobsHandlers(s: JobsServices): PartialHandlers<JobsChannel> {
  return {
    'jobs:list': ({ accountId }) => s.jobs.list(accountId),
    'jobs:task-counts': ({ accountId, jobIds }) => s.jobs.taskCounts(accountId, jobIds),
    'jobs:get': ({ accountId, jobId }) => s.jobs.get(accountId, jobId),
    'jobs:create': ({ accountId, spec }) => s.jobs.create(accountId, spec),
    'jobs:terminate': ({ accountId, jobId, reason }) => s.jobs.terminate(accountId, jobId, reason),
    'jobs:delete': ({ accountId, jobId }) => s.jobs.delete(accountId, jobId),
    'jobs:disable': ({ accountId, jobId, disableTasks }) => s.jobs.disable(accountId, jobId, disableTasks),
    'jobs:enable': ({ accountId, jobId }) => s.jobs.enable(accountId, jobId),
    'tasks:page': (request) => s.pages.page(request),
    'tasks:get': ({ accountId, jobId, taskId }) => s.jobs.task(accountId, jobId, taskId),
    'tasks:files': (request) => s.files.list(request),
    'tasks:file-read': (request) => s.files.read(request),
    'tasks:file-bytes': (request) => s.files.bytes(request),
    'tasks:add': ({ accountId, jobId, task }) => s.add.addOne(accountId, jobId, task),
    'tasks:add-collection': ({ accountId, jobId, tasks }) => s.add.addMany(accountId, jobId, tasks),
    'tasks:action': (request) => s.actions.start(request),
    'tasks:open-shell': (request) => s.shell.open(request),
  };
}
