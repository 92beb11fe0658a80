import type { TerminalSessionInfo } from './terminal';

/**
 * What the jobs and tasks channels return: compact, renderer-ready shapes (never wire objects), states lower-cased as
 * the service sends them in api-version 2025-06-01 and unknown ones passed through.
 */

/** Job states (2025-06-01); newer services may add more, which the UI shows as they come. */
export const knownJobStates = ['active', 'disabling', 'disabled', 'enabling', 'terminating', 'completed', 'deleting'] as const;

/** Task states (2025-06-01). */
export const knownTaskStates = ['active', 'preparing', 'running', 'completed'] as const;

/** Task counts of a job from `GET /jobs/{id}/taskcounts` (running includes preparing; succeeded + failed = completed). */
export interface TaskCounts {
  active: number;
  running: number;
  completed: number;
  succeeded: number;
  failed: number;
}

/** One job in the jobs list (task counts come separately, from `jobs:task-counts`). */
export interface JobSummary {
  id: string;
  displayName?: string;
  state: string;
  /** The pool the job runs on (`poolInfo.poolId`, else `executionInfo.poolId` for an auto pool). */
  poolId?: string;
  priority: number;
  creationTime?: string;
  stateTransitionTime?: string;
  onAllTasksComplete?: string;
  /** When the job started and ended, and why it ended (`terminateReason`, e.g. `UserTerminate`, `AllTasksComplete`). */
  executionInfo?: { startTime?: string; endTime?: string; terminateReason?: string };
}

/** The jobs of an account. */
export interface JobsResult {
  fetchedAt: string;
  jobs: JobSummary[];
}

/** Task counts per job as one `jobs:task-counts` call answers: counts, or why that job has none. */
export interface JobTaskCountsResult {
  fetchedAt: string;
  counts: Record<string, TaskCounts | { error: { code: string; message: string } }>;
}

/** A job preparation or release task as the detail shows it. */
export interface JobTaskInfo {
  commandLine: string;
  elevated: boolean;
  environment: { name: string; value: string }[];
  /** Preparation task only. */
  waitForSuccess?: boolean;
  maxWallClockTime?: string;
}

/** One job with everything the detail view shows. */
export interface JobDetail extends JobSummary {
  eTag?: string;
  lastModified?: string;
  previousState?: string;
  usesTaskDependencies: boolean;
  onTaskFailure?: string;
  maxParallelTasks?: number;
  allowTaskPreemption?: boolean;
  constraints: { maxWallClockTime?: string; maxTaskRetryCount?: number };
  commonEnvironment: { name: string; value: string }[];
  jobPreparationTask?: JobTaskInfo;
  jobReleaseTask?: JobTaskInfo;
  /** True when the job has a job manager task (shown, not editable here). */
  hasJobManagerTask: boolean;
  executionInfo?: JobSummary['executionInfo'] & {
    poolId?: string;
    schedulingError?: { category: string; code?: string; message?: string; details: { name: string; value: string }[] };
  };
  metadata: { name: string; value: string }[];
}

/** Columns a task page can carry; `id` always comes. The service sends only these (`$select`). */
export const taskColumns = ['state', 'displayName', 'commandLine', 'creationTime', 'startTime', 'endTime', 'exitCode', 'result', 'retryCount', 'nodeId'] as const;
/** One of {@link taskColumns}. */
export type TaskColumn = (typeof taskColumns)[number];

/** One task of a page: `id` plus the columns asked for (a column the service left empty is absent). */
export interface TaskRow {
  id: string;
  state?: string;
  displayName?: string;
  commandLine?: string;
  creationTime?: string;
  startTime?: string;
  endTime?: string;
  exitCode?: number;
  /** `success` or `failure` once completed (a failure may have exit code 0: the task could not start, or timed out). */
  result?: string;
  retryCount?: number;
  nodeId?: string;
}

/** One page of tasks, in the order the service lists them (it does not sort tasks; see `tasks:page`). */
export interface TaskPage {
  rows: TaskRow[];
  /** Pass back as `pageToken` for the next page; absent on the last page. Held in main, good for 30 minutes. */
  nextPageToken?: string;
}

/** Why a task failed, as Batch reports it. */
export interface TaskFailureInfo {
  category: string;
  code?: string;
  message?: string;
  details: { name: string; value: string }[];
}

/** One task with everything the detail view shows. URLs have their SAS query removed (`?…` replaced by `?<SAS hidden>`). */
export interface TaskDetail {
  id: string;
  jobId: string;
  displayName?: string;
  state: string;
  stateTransitionTime?: string;
  previousState?: string;
  creationTime?: string;
  commandLine: string;
  /** The auto-user the task runs as, or a named user. */
  userIdentity: { autoUser: { scope: string; elevationLevel: string } } | { userName: string };
  constraints: { maxWallClockTime?: string; retentionTime?: string; maxTaskRetryCount?: number };
  requiredSlots?: number;
  executionInfo?: {
    startTime?: string;
    endTime?: string;
    exitCode?: number;
    result?: string;
    retryCount: number;
    requeueCount: number;
    lastRetryTime?: string;
    failureInfo?: TaskFailureInfo;
  };
  /** Where it ran (or runs): the node to link to, and the folder "Open a shell here" starts in (`<taskRootDirectory>/wd`). */
  nodeInfo?: { poolId?: string; nodeId?: string; taskRootDirectory?: string };
  environment: { name: string; value: string }[];
  resourceFiles: { source: string; filePath?: string }[];
  outputFiles: { filePattern: string; destination: string; uploadCondition: string }[];
  dependsOn?: { taskIds: string[]; taskIdRanges: { start: number; end: number }[] };
}

/** An entry of a task's folder listing (`GET …/tasks/{id}/files`). */
export interface TaskFileEntry {
  /** Relative to the task folder, e.g. `stdout.txt`, `wd/out.log`. */
  name: string;
  isDirectory: boolean;
  size?: number;
  lastModified?: string;
}

/** Raw bytes of a task file slice (for downloads: binary-safe, unlike the text tail). */
export interface TaskFileBytes {
  path: string;
  size: number;
  start: number;
  end: number;
  base64: string;
}

/** What "Open a shell here" opened: the terminal session plus where it starts and as whom. */
export interface TaskShellResult {
  /** The session, as `term:open-node` returns it (show it in Terminals). */
  session: TerminalSessionInfo;
  poolId: string;
  nodeId: string;
  /** The admin user Batch Deck provisioned on that node (managed key), and when it expires. */
  userName: string;
  expiresAt: string;
  /** The folder the shell starts in (`<taskRootDirectory>/wd`). */
  workingDirectory: string;
  /** Names of the variables exported (values stay in main and on the node). */
  exported: string[];
}
