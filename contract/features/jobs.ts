import { z } from 'zod';
import { invoke } from '../channel';
import { accountIdSchema } from './accounts';
import { poolIdSchema } from './batch-pool-spec';
import type { JobDetail, JobsResult, JobTaskCountsResult } from './jobs-models';

export * from './jobs-models';

/** Job and task ids: letters, digits, hyphens and underscores, 1–64 characters (unique case-insensitively). */
export const batchItemIdSchema = (what: 'job' | 'task') =>
  z
    .string()
    .min(1, `Enter a ${what} id.`)
    .max(64, `A ${what} id is at most 64 characters.`)
    .regex(/^[A-Za-z0-9_-]+$/, `A ${what} id may contain only letters, digits, hyphens (-) and underscores (_).`);

/** A job id. */
export const jobIdSchema = batchItemIdSchema('job');

/** An ISO 8601 duration as Batch takes it, e.g. `PT30M`, `PT2H`, `P1DT12H`. */
export const durationSchema = z
  .string()
  .regex(/^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'Write a duration like PT30M (30 minutes), PT2H or P1DT12H.');

/** An environment variable name as a shell can export it. */
export const environmentNameSchema = z
  .string()
  .min(1, 'Enter a variable name.')
  .max(256, 'A variable name is at most 256 characters.')
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A variable name starts with a letter or _ and holds only letters, digits and _.');

/** Environment settings of a task or job: unique names, at most 100. */
export const environmentSchema = z
  .array(z.object({ name: environmentNameSchema, value: z.string().max(32_768) }).strict())
  .max(100, 'At most 100 environment variables.')
  .refine((env) => new Set(env.map((e) => e.name)).size === env.length, { message: 'Each variable name may appear only once.' })
  .default([]);

const commandLineSchema = z.string().trim().min(1, 'Enter a command line.').max(8192, 'A command line is at most 8192 characters.');

const retriesSchema = z.number().int('Retries are a whole number.').min(-1, '-1 (retry forever) is the lowest value.').max(100, 'At most 100 retries.');

/** A job preparation task (runs on each node before the job's first task there) or release task (after the job ends). */
export const jobTaskSpecSchema = z
  .object({
    commandLine: commandLineSchema,
    /** Run as the pool-wide admin auto-user. */
    elevated: z.boolean().default(false),
    environment: environmentSchema,
    /** Preparation only: hold the node's tasks until it exits 0 (default, as Batch). */
    waitForSuccess: z.boolean().default(true),
    maxWallClockTime: durationSchema.optional(),
  })
  .strict();

/** A new job on an existing pool, as the create form fills it in. */
export const jobSpecSchema = z
  .object({
    id: jobIdSchema,
    displayName: z.string().max(1024, 'A display name is at most 1024 characters.').optional(),
    poolId: poolIdSchema,
    priority: z.number().int('Priority is a whole number.').min(-1000, 'Priority is -1000 to 1000.').max(1000, 'Priority is -1000 to 1000.').default(0),
    /** Most tasks running at once (-1: no limit, the default). */
    maxParallelTasks: z.number().int().min(-1).max(100_000).refine((n) => n !== 0, 'Use -1 for no limit, or at least 1.').default(-1),
    constraints: z
      .object({ maxWallClockTime: durationSchema.optional(), maxTaskRetryCount: retriesSchema.default(0) })
      .strict()
      .default({ maxTaskRetryCount: 0 }),
    /** `terminatejob`: the job completes when all its tasks have (do not add tasks later then). */
    onAllTasksComplete: z.enum(['noaction', 'terminatejob']).default('noaction'),
    onTaskFailure: z.enum(['noaction', 'performexitoptionsjobaction']).default('noaction'),
    commonEnvironment: environmentSchema,
    jobPreparationTask: jobTaskSpecSchema.optional(),
    jobReleaseTask: jobTaskSpecSchema.omit({ waitForSuccess: true }).optional(),
  })
  .strict()
  .refine((spec) => !spec.jobReleaseTask || spec.jobPreparationTask, {
    message: 'Batch runs a release task only with a preparation task: add one (e.g. /bin/true).',
    path: ['jobReleaseTask'],
  });

/** A job as the form describes it (after defaults). */
export type JobSpec = z.output<typeof jobSpecSchema>;
/** What the form may send (before defaults). */
export type JobSpecInput = z.input<typeof jobSpecSchema>;

const account = { accountId: accountIdSchema };
const jobRef = z.object({ ...account, jobId: jobIdSchema }).strict();

/** Channels of jobs. Task counts are a separate, cheap call that the list polls for the jobs on screen. */
export const jobsChannels = {
  /** Every job of the account (all pages, `$select` of the listed fields), without task counts. */
  'jobs:list': invoke(z.object(account).strict()).returns<JobsResult>(),
  /** Task counts (`/jobs/{id}/taskcounts`) of up to 100 jobs, a few requests at a time; one job's error does not fail the rest. */
  'jobs:task-counts': invoke(
    z
      .object({ ...account, jobIds: z.array(jobIdSchema).min(1).max(100) })
      .strict(),
  ).returns<JobTaskCountsResult>(),
  /** One job with its constraints, preparation/release task and execution info. */
  'jobs:get': invoke(jobRef).returns<JobDetail>(),
  /** Creates a job on a pool from the spec (the same schema the form checks); JobExists when the id is taken. */
  'jobs:create': invoke(z.object({ ...account, spec: jobSpecSchema }).strict()).returns<{ jobId: string }>(),
  /** Terminates a job: running tasks are terminated, the job completes. */
  'jobs:terminate': invoke(jobRef.extend({ reason: z.string().max(64).optional() }).strict()).returns<{ jobId: string }>(),
  /** Deletes a job and all its tasks; `confirmId` must repeat the id as the user typed it. */
  'jobs:delete': invoke(
    jobRef
      .extend({ confirmId: z.string() })
      .strict()
      .refine((r) => r.confirmId === r.jobId, { message: 'Type the job id exactly to confirm the deletion.', path: ['confirmId'] }),
  ).returns<{ jobId: string }>(),
  /** Disables a job: no new tasks start; running ones are requeued, terminated, or left to finish (`wait`). */
  'jobs:disable': invoke(jobRef.extend({ disableTasks: z.enum(['requeue', 'terminate', 'wait']) }).strict()).returns<{ jobId: string }>(),
  /** Enables a disabled job. */
  'jobs:enable': invoke(jobRef).returns<{ jobId: string }>(),
};
