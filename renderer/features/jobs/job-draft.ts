import { jobCreateBody } from '../../../contract/features/job-body';
import { jobIdSchema, jobSpecSchema, type JobDetail, type JobSpecInput } from '../../../contract/features/jobs';

/** What the create-job form holds while the user types (strings, as the inputs give them). */
export interface JobDraft {
  id: string;
  poolId: string;
  displayName: string;
  priority: string;
  /** Minutes; empty: no limit. */
  maxWallClockMinutes: string;
  /** Retries per task; empty: the service default (0), -1: retry without limit. */
  maxTaskRetryCount: string;
  onAllTasksComplete: 'noaction' | 'terminatejob';
  onTaskFailure: 'noaction' | 'performexitoptionsjobaction';
  preparationCommandLine: string;
  releaseCommandLine: string;
}

/** A fresh draft on a pool (the pool picker may fill it later). */
export function emptyJobDraft(poolId = ''): JobDraft {
  return {
    id: '',
    poolId,
    displayName: '',
    priority: '0',
    maxWallClockMinutes: '',
    maxTaskRetryCount: '',
    onAllTasksComplete: 'noaction',
    onTaskFailure: 'noaction',
    preparationCommandLine: '',
    releaseCommandLine: '',
  };
}

/** Problems per field; empty when the draft can be sent. */
export type JobDraftErrors = Partial<Record<keyof JobDraft, string>>;

/** Whole number in [min, max], else undefined. */
function integerIn(text: string, min: number, max: number): number | undefined {
  if (!/^-?\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/**
 * Checks a draft with the service's rules (id, priority −1000…1000, retries −1…100, a positive wall clock, a release
 * task only with a preparation task) and says for each field what to change. `existingIds` catches a duplicate
 * before sending (job ids are case-insensitive).
 */
export function validateJobDraft(draft: JobDraft, existingIds: readonly string[] = []): JobDraftErrors {
  const errors: JobDraftErrors = {};
  const id = draft.id.trim();
  const idProblem = jobIdSchema.safeParse(id).error?.issues[0]?.message;
  if (idProblem) errors.id = idProblem;
  else if (existingIds.some((e) => e.toLowerCase() === id.toLowerCase())) errors.id = `A job "${id}" already exists in this account (ids ignore case): pick another id.`;
  if (draft.poolId === '') errors.poolId = 'Pick the pool the job runs on.';
  if (integerIn(draft.priority, -1000, 1000) === undefined) errors.priority = 'A whole number from -1000 (lowest) to 1000 (highest).';
  if (draft.maxWallClockMinutes.trim() !== '' && integerIn(draft.maxWallClockMinutes, 1, 60 * 24 * 365) === undefined)
    errors.maxWallClockMinutes = 'Whole minutes, at least 1; leave empty for no limit.';
  if (draft.maxTaskRetryCount.trim() !== '' && integerIn(draft.maxTaskRetryCount, -1, 100) === undefined)
    errors.maxTaskRetryCount = 'From 0 to 100, or -1 to retry without limit; leave empty for none.';
  if (draft.displayName.length > 1024) errors.displayName = 'At most 1024 characters.';
  if (draft.releaseCommandLine.trim() !== '' && draft.preparationCommandLine.trim() === '')
    errors.releaseCommandLine = 'Batch runs a release task only with a preparation task: add one (e.g. /bin/true).';
  return errors;
}

/** The create request's job from a valid draft. */
export function jobSpecFromDraft(draft: JobDraft): JobSpecInput {
  const minutes = draft.maxWallClockMinutes.trim();
  const retries = draft.maxTaskRetryCount.trim();
  const constraints = {
    ...(minutes ? { maxWallClockTime: `PT${Number(minutes)}M` } : {}),
    ...(retries ? { maxTaskRetryCount: Number(retries) } : {}),
  };
  return {
    id: draft.id.trim(),
    poolId: draft.poolId,
    ...(draft.displayName.trim() ? { displayName: draft.displayName.trim() } : {}),
    priority: Number(draft.priority),
    ...(Object.keys(constraints).length ? { constraints } : {}),
    onAllTasksComplete: draft.onAllTasksComplete,
    onTaskFailure: draft.onTaskFailure,
    ...(draft.preparationCommandLine.trim() ? { jobPreparationTask: { commandLine: draft.preparationCommandLine.trim() } } : {}),
    ...(draft.releaseCommandLine.trim() ? { jobReleaseTask: { commandLine: draft.releaseCommandLine.trim() } } : {}),
  };
}

/**
 * The add-job body Batch receives for a spec (what "Copy as JSON" copies and `az batch job create --json-file` takes),
 * or undefined while the spec breaks a rule (the form marks which).
 */
export function jobBodyOrUndefined(spec: JobSpecInput): Record<string, unknown> | undefined {
  return jobSpecSchema.safeParse(spec).success ? jobCreateBody(spec) : undefined;
}

/** The spec that makes a job like an existing one (its own id): for "Copy as JSON / az" on the job's page. */
export function specFromJob(job: JobDetail): JobSpecInput {
  const task = (t: JobDetail['jobPreparationTask']) =>
    t && { commandLine: t.commandLine, elevated: t.elevated, environment: t.environment, ...(t.maxWallClockTime ? { maxWallClockTime: t.maxWallClockTime } : {}) };
  const prep = task(job.jobPreparationTask);
  const release = task(job.jobReleaseTask);
  return {
    id: job.id,
    ...(job.displayName ? { displayName: job.displayName } : {}),
    poolId: job.poolId ?? '',
    priority: job.priority,
    ...(job.maxParallelTasks !== undefined ? { maxParallelTasks: job.maxParallelTasks } : {}),
    constraints: job.constraints,
    ...(job.onAllTasksComplete === 'terminatejob' || job.onAllTasksComplete === 'noaction' ? { onAllTasksComplete: job.onAllTasksComplete } : {}),
    ...(job.onTaskFailure === 'performexitoptionsjobaction' || job.onTaskFailure === 'noaction' ? { onTaskFailure: job.onTaskFailure } : {}),
    commonEnvironment: job.commonEnvironment,
    ...(prep ? { jobPreparationTask: { ...prep, ...(job.jobPreparationTask?.waitForSuccess === false ? { waitForSuccess: false } : {}) } } : {}),
    ...(release ? { jobReleaseTask: release } : {}),
  };
}

/** Single-quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A shell script that makes the job with the `az` CLI from its add-job body (`az batch job create --json-file`). */
export function azCreateCommand(body: Record<string, unknown>, accountName: string, endpoint: string): string {
  return [
    `cat > job.json <<'JSON'`,
    JSON.stringify(body, null, 2),
    'JSON',
    `az batch job create --account-name ${shellQuote(accountName)} --account-endpoint ${shellQuote(endpoint)} --json-file job.json`,
  ].join('\n');
}
