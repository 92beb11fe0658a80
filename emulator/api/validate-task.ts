import { fail } from './batch-error';
import { ID_PATTERN, int, obj, objects, str } from './validate';
import { withoutNulls } from './removed-properties';
import type { JsonObject } from '../state/model';

/** The most tasks one addtaskcollection request may carry (BatchTaskGroup.value). */
export const MAX_TASKS_PER_COLLECTION = 100;

/** Validates an add-task body (BatchTaskCreateOptions) and returns the id plus the spec to store. */
export function validateTaskAdd(raw: JsonObject): { id: string; spec: JsonObject } {
  const body = withoutNulls(raw);
  const id = str(body, 'id', { required: true, pattern: ID_PATTERN, reason: 'Ids contain only letters, digits, hyphens and underscores and are at most 64 characters long.' }) as string;
  str(body, 'displayName', { max: 1024 });
  str(body, 'commandLine', { required: true });
  for (const setting of objects(body, 'environmentSettings') ?? []) str(setting, 'name', { required: true });
  for (const file of objects(body, 'resourceFiles') ?? []) str(file, 'filePath');
  const constraints = obj(body, 'constraints');
  if (constraints) int(constraints, 'maxTaskRetryCount', { min: -1 });
  int(body, 'requiredSlots', { min: 1 });
  const { id: _id, ...spec } = body;
  return { id, spec };
}

/** The task list of an addtaskcollection body: 1–100 objects, else the service's errors. */
export function taskCollection(body: JsonObject): JsonObject[] {
  const value = objects(body, 'value');
  if (!value) throw fail.missingProperty('value');
  if (value.length > MAX_TASKS_PER_COLLECTION) {
    throw fail.tooManyTasks(MAX_TASKS_PER_COLLECTION, value.length);
  }
  return value;
}
