import type { BatchClientSource } from '../batch/batch-client-source';
import type { OperationRegistry } from '../operations/operation-registry';
import type { ProvisionService } from '../provision/provision-service';
import type { RemoteLoginService } from '../provision/remote-login-service';
import type { TerminalService } from '../terminal/terminal-service';
import { jobsHandlers } from './jobs-handlers';
import { JobsService } from './jobs-service';
import { TaskActionsService } from './task-actions-service';
import { TaskAddService } from './task-add-service';
import { TaskFilesService } from './task-files-service';
import { TaskPagesService } from './task-pages';
import { TaskShellService } from './task-shell-service';

/** What the jobs feature takes from the composition root. */
export interface JobsFeatureDeps {
  clients: BatchClientSource;
  operations: OperationRegistry;
  provision: ProvisionService;
  logins: RemoteLoginService;
  terminals: TerminalService;
}

/** Builds jobs, task pages, task files, adding, bulk actions and "Open a shell here", and their contract handlers. */
export function createJobs(deps: JobsFeatureDeps): ReturnType<typeof jobsHandlers> {
  const { clients, operations } = deps;
  return jobsHandlers({
    jobs: new JobsService(clients),
    pages: new TaskPagesService(clients),
    files: new TaskFilesService(clients),
    add: new TaskAddService({ clients, operations }),
    actions: new TaskActionsService({ clients, operations }),
    shell: new TaskShellService({ clients, provision: deps.provision, logins: deps.logins, operations, terminals: deps.terminals }),
  });
}
