import { fail } from './batch-error';
import { bool, duration, ID_PATTERN, int, obj, objects, oneOf, str } from './validate';
import { validateMetadata } from './validate-pool';
import { withoutNulls } from './removed-properties';
import type { JsonObject } from '../state/model';

/** Top-level properties of BatchJobCreateOptions (2025-06-01) the emulator stores. */
const JOB_ADD_PROPERTIES = [
  'displayName', 'usesTaskDependencies', 'priority', 'allowTaskPreemption', 'maxParallelTasks', 'constraints',
  'jobManagerTask', 'jobPreparationTask', 'jobReleaseTask', 'commonEnvironmentSettings', 'poolInfo',
  'onAllTasksComplete', 'onTaskFailure', 'networkConfiguration', 'metadata',
] as const;

/** The job properties PATCH and PUT may change (BatchJobUpdateOptions / BatchJob on replace). */
export const JOB_UPDATE_PROPERTIES = ['priority', 'allowTaskPreemption', 'maxParallelTasks', 'constraints', 'poolInfo', 'onAllTasksComplete', 'metadata', 'networkConfiguration'] as const;

function validateTask(task: JsonObject): void {
  str(task, 'commandLine', { required: true });
  for (const setting of objects(task, 'environmentSettings') ?? []) str(setting, 'name', { required: true });
}

/** Validates the updatable job fields present in a body (shared by add, PATCH and PUT). */
export function validateJobFields(body: JsonObject): void {
  int(body, 'priority', { min: -1000, max: 1000 });
  bool(body, 'allowTaskPreemption');
  const parallel = int(body, 'maxParallelTasks', { min: -1 });
  if (parallel === 0) throw fail.invalidProperty('maxParallelTasks', 'The value must be -1 (no limit) or greater than 0.', parallel);
  const constraints = obj(body, 'constraints');
  if (constraints) {
    duration(constraints, 'maxWallClockTime');
    int(constraints, 'maxTaskRetryCount', { min: -1 });
  }
  const poolInfo = obj(body, 'poolInfo');
  if (poolInfo) {
    if (obj(poolInfo, 'autoPoolSpecification')) {
      throw fail.invalidProperty('autoPoolSpecification', 'The emulator does not create auto pools; name an existing pool with poolInfo.poolId.');
    }
    str(poolInfo, 'poolId', { required: true, pattern: ID_PATTERN, reason: 'Pool ids contain only letters, digits, hyphens and underscores.' });
  }
  const complete = oneOf(body, 'onAllTasksComplete', ['noaction', 'terminatejob'] as const);
  if (complete) body.onAllTasksComplete = complete;
  validateMetadata(objects(body, 'metadata'));
  const network = obj(body, 'networkConfiguration');
  if (network) str(network, 'subnetId', { required: true });
}

/** Validates an add-job body and returns the id plus the spec to store. */
export function validateJobAdd(raw: JsonObject): { id: string; spec: JsonObject } {
  const body = withoutNulls(raw);
  const id = str(body, 'id', { required: true, pattern: ID_PATTERN, reason: 'Ids contain only letters, digits, hyphens and underscores and are at most 64 characters long.' }) as string;
  str(body, 'displayName', { max: 1024 });
  bool(body, 'usesTaskDependencies');
  if (!obj(body, 'poolInfo')) throw fail.missingProperty('poolInfo');
  validateJobFields(body);
  const failure = oneOf(body, 'onTaskFailure', ['noaction', 'performexitoptionsjobaction'] as const);
  if (failure) body.onTaskFailure = failure;
  for (const name of ['jobManagerTask', 'jobPreparationTask', 'jobReleaseTask']) {
    const task = obj(body, name);
    if (task) validateTask(task);
  }
  objects(body, 'commonEnvironmentSettings');
  const spec: JsonObject = {};
  for (const name of JOB_ADD_PROPERTIES) if (body[name] !== undefined) spec[name] = body[name];
  return { id, spec };
}
