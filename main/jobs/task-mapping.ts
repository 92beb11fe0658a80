import type { TaskColumn, TaskDetail, TaskRow } from '../../contract/features/jobs-models';
import type { TaskFilter } from '../../contract/features/tasks';
import { assertNever } from '../../contract/result';
import type { BatchTask } from '../batch/rest/models/tasks';
import { environmentOf } from './job-mapping';

/** The wire property each column needs (`$select` takes top-level properties only). */
const wireOf: Record<TaskColumn, string> = {
  state: 'state',
  displayName: 'displayName',
  commandLine: 'commandLine',
  creationTime: 'creationTime',
  startTime: 'executionInfo',
  endTime: 'executionInfo',
  exitCode: 'executionInfo',
  result: 'executionInfo',
  retryCount: 'executionInfo',
  nodeId: 'nodeInfo',
};

/** `$select` for the shown columns: `id` plus each wire property once. */
export function taskSelect(columns: readonly TaskColumn[]): string[] {
  return ['id', ...new Set(columns.map((c) => wireOf[c]))];
}

/**
 * `$filter` of a task filter. Failed and succeeded go by `executionInfo/result` (not the exit code), as taskcounts
 * does: a task that could not start or hit its wall clock limit failed even with exit code 0.
 */
export function taskFilterQuery(filter: TaskFilter): string | undefined {
  switch (filter) {
    case 'all':
      return undefined;
    case 'active':
    case 'completed':
      return `state eq '${filter}'`;
    case 'running':
      // taskcounts counts preparing tasks as running; the list shows the same ones.
      return "state eq 'running' or state eq 'preparing'";
    case 'succeeded':
      return "executionInfo/result eq 'success'";
    case 'failed':
      return "executionInfo/result eq 'failure'";
    default:
      return assertNever(filter, 'task filter');
  }
}

/** A wire task as a row with only the asked columns. */
export function toTaskRow(task: BatchTask, columns: readonly TaskColumn[]): TaskRow {
  const row: TaskRow = { id: task.id };
  const exec = task.executionInfo;
  for (const column of columns) {
    switch (column) {
      case 'state':
        if (task.state) row.state = String(task.state).toLowerCase();
        break;
      case 'displayName':
        if (task.displayName) row.displayName = task.displayName;
        break;
      case 'commandLine':
        if (task.commandLine) row.commandLine = task.commandLine;
        break;
      case 'creationTime':
        if (task.creationTime) row.creationTime = task.creationTime;
        break;
      case 'startTime':
        if (exec?.startTime) row.startTime = exec.startTime;
        break;
      case 'endTime':
        if (exec?.endTime) row.endTime = exec.endTime;
        break;
      case 'exitCode':
        if (typeof exec?.exitCode === 'number') row.exitCode = exec.exitCode;
        break;
      case 'result':
        if (exec?.result) row.result = String(exec.result).toLowerCase();
        break;
      case 'retryCount':
        if (typeof exec?.retryCount === 'number') row.retryCount = exec.retryCount;
        break;
      case 'nodeId':
        if (task.nodeInfo?.nodeId) row.nodeId = task.nodeInfo.nodeId;
        break;
      default:
        assertNever(column, 'task column');
    }
  }
  return row;
}

/** A URL with its query (a SAS token is a secret) replaced by a marker. */
export function withoutSas(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?<SAS hidden>`;
}

/** A wire task as the detail view shows it (SAS query strings hidden). */
export function toTaskDetail(jobId: string, task: BatchTask): TaskDetail {
  const exec = task.executionInfo;
  const failure = exec?.failureInfo;
  const auto = task.userIdentity?.autoUser;
  const node = task.nodeInfo;
  return {
    id: task.id,
    jobId,
    ...(task.displayName ? { displayName: task.displayName } : {}),
    state: String(task.state ?? 'unknown').toLowerCase(),
    ...(task.stateTransitionTime ? { stateTransitionTime: task.stateTransitionTime } : {}),
    ...(task.previousState ? { previousState: String(task.previousState).toLowerCase() } : {}),
    ...(task.creationTime ? { creationTime: task.creationTime } : {}),
    commandLine: task.commandLine ?? '',
    userIdentity: task.userIdentity?.username
      ? { userName: task.userIdentity.username }
      : { autoUser: { scope: String(auto?.scope ?? 'pool').toLowerCase(), elevationLevel: String(auto?.elevationLevel ?? 'nonadmin').toLowerCase() } },
    constraints: { ...task.constraints },
    ...(task.requiredSlots !== undefined ? { requiredSlots: task.requiredSlots } : {}),
    ...(exec
      ? {
          executionInfo: {
            ...(exec.startTime ? { startTime: exec.startTime } : {}),
            ...(exec.endTime ? { endTime: exec.endTime } : {}),
            ...(typeof exec.exitCode === 'number' ? { exitCode: exec.exitCode } : {}),
            ...(exec.result ? { result: String(exec.result).toLowerCase() } : {}),
            retryCount: exec.retryCount ?? 0,
            requeueCount: exec.requeueCount ?? 0,
            ...(exec.lastRetryTime ? { lastRetryTime: exec.lastRetryTime } : {}),
            ...(failure
              ? { failureInfo: { category: String(failure.category), ...(failure.code ? { code: failure.code } : {}), ...(failure.message ? { message: failure.message } : {}), details: (failure.details ?? []).map((d) => ({ name: d.name ?? '', value: d.value ?? '' })) } }
              : {}),
          },
        }
      : {}),
    ...(node ? { nodeInfo: { ...(node.poolId ? { poolId: node.poolId } : {}), ...(node.nodeId ? { nodeId: node.nodeId } : {}), ...(node.taskRootDirectory ? { taskRootDirectory: node.taskRootDirectory } : {}) } } : {}),
    environment: environmentOf(task.environmentSettings),
    resourceFiles: (task.resourceFiles ?? []).map((f) => ({
      source: f.httpUrl ? withoutSas(f.httpUrl) : f.storageContainerUrl ? withoutSas(f.storageContainerUrl) : `auto-storage container ${f.autoStorageContainerName ?? ''}`,
      ...(f.filePath ? { filePath: f.filePath } : {}),
    })),
    outputFiles: (task.outputFiles ?? []).map((f) => ({
      filePattern: f.filePattern,
      destination: f.destination.container ? `${withoutSas(f.destination.container.containerUrl)}${f.destination.container.path ? ` → ${f.destination.container.path}` : ''}` : '',
      uploadCondition: String(f.uploadOptions.uploadCondition).toLowerCase(),
    })),
    ...(task.dependsOn ? { dependsOn: { taskIds: task.dependsOn.taskIds ?? [], taskIdRanges: task.dependsOn.taskIdRanges ?? [] } } : {}),
  };
}
