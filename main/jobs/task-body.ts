import type { TaskSpec } from '../../contract/features/tasks';
import type { BatchTaskCreateOptions } from '../batch/rest/models/tasks';

/** The body of `POST /jobs/{id}/tasks` (one entry of an add-collection) for a task spec. */
export function taskCreateBody(spec: TaskSpec): BatchTaskCreateOptions {
  const constraints = {
    ...(spec.maxTaskRetryCount !== undefined ? { maxTaskRetryCount: spec.maxTaskRetryCount } : {}),
    ...(spec.maxWallClockTime ? { maxWallClockTime: spec.maxWallClockTime } : {}),
  };
  return {
    id: spec.id,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    commandLine: spec.commandLine,
    userIdentity: { autoUser: { scope: spec.userScope, elevationLevel: spec.elevation } },
    ...(Object.keys(constraints).length ? { constraints } : {}),
    ...(spec.environment.length ? { environmentSettings: spec.environment } : {}),
    ...(spec.requiredSlots !== undefined ? { requiredSlots: spec.requiredSlots } : {}),
  };
}
