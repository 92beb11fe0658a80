import { describe, expect, it } from 'vitest';
import { durationText } from '../../../../renderer/features/jobs/duration-text';
import { azCreateCommand, emptyJobDraft, jobBodyOrUndefined, jobSpecFromDraft, specFromJob, validateJobDraft } from '../../../../renderer/features/jobs/job-draft';

describe('the create-job form', () => {
  it('says what to change on each field that breaks a service rule', () => {
    const errors = validateJobDraft({ ...emptyJobDraft(), id: 'has space', priority: '2000', maxWallClockMinutes: '0', maxTaskRetryCount: '-2', releaseCommandLine: 'rm -rf x' });
    expect(Object.keys(errors).sort()).toEqual(['id', 'maxTaskRetryCount', 'maxWallClockMinutes', 'poolId', 'priority', 'releaseCommandLine']);
    expect(errors.releaseCommandLine).toContain('preparation task');
  });

  it('catches a job id that exists already in another case before sending', () => {
    expect(validateJobDraft({ ...emptyJobDraft('p'), id: 'Nightly' }, ['nightly']).id).toContain('already exists');
    expect(validateJobDraft({ ...emptyJobDraft('p'), id: 'nightly-2' }, ['nightly'])).toEqual({});
  });

  it('sends only what the user set: minutes become an ISO 8601 duration, empty fields stay out', () => {
    expect(jobSpecFromDraft({ ...emptyJobDraft('p'), id: ' j1 ' })).toEqual({ id: 'j1', poolId: 'p', priority: 0, onAllTasksComplete: 'noaction', onTaskFailure: 'noaction' });
    const full = jobSpecFromDraft({ ...emptyJobDraft('p'), id: 'j', priority: '-5', maxWallClockMinutes: '90', maxTaskRetryCount: '3', preparationCommandLine: 'prep', releaseCommandLine: 'rel', onAllTasksComplete: 'terminatejob' });
    expect(full).toMatchObject({ priority: -5, constraints: { maxWallClockTime: 'PT90M', maxTaskRetryCount: 3 }, jobPreparationTask: { commandLine: 'prep' }, jobReleaseTask: { commandLine: 'rel' }, onAllTasksComplete: 'terminatejob' });
  });

  it('copies as an az script whose JSON file holds the job and whose account name is quoted for the shell', () => {
    const spec = jobSpecFromDraft({ ...emptyJobDraft('p'), id: 'j', preparationCommandLine: 'prep' });
    const body = jobBodyOrUndefined(spec);
    expect(jobBodyOrUndefined({ ...spec, priority: 5000 })).toBeUndefined();
    const script = azCreateCommand(body ?? {}, "o'brien", 'https://a.b');
    expect(script).toContain(`--account-name 'o'\\''brien'`);
    expect(JSON.parse(script.split('\n').slice(1, -2).join('\n'))).toMatchObject({
      id: 'j',
      poolInfo: { poolId: 'p' },
      jobPreparationTask: { commandLine: 'prep', userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'nonadmin' } }, waitForSuccess: true },
    });
  });
});

describe('durations as the job and task pages show them', () => {
  it("reads ISO 8601 in words and Batch's TimeSpan.MaxValue as no limit", () => {
    expect(durationText('P10675199DT2H48M5.4775807S')).toBe('none');
    expect(durationText(undefined)).toBe('none');
    expect(durationText('PT1H30M')).toBe('1 h 30 min');
    expect(durationText('P7D')).toBe('7 d');
    expect(durationText('PT0.5S')).toBe('0.5 s');
    expect(durationText('nonsense')).toBe('nonsense');
  });
});

describe('copying an existing job', () => {
  it("rebuilds the add-job body from the job's detail: pool, limits, end action and preparation/release tasks", () => {
    const job = {
      id: 'nightly', state: 'active', poolId: 'render', priority: 7, usesTaskDependencies: false, hasJobManagerTask: false,
      constraints: { maxWallClockTime: 'PT2H', maxTaskRetryCount: 2 }, commonEnvironment: [{ name: 'MODE', value: 'fast' }], metadata: [],
      onAllTasksComplete: 'terminatejob', onTaskFailure: 'noaction',
      jobPreparationTask: { commandLine: 'prep.sh', elevated: true, environment: [], waitForSuccess: false },
      jobReleaseTask: { commandLine: 'release.sh', elevated: false, environment: [] },
    };
    expect(jobBodyOrUndefined(specFromJob(job))).toMatchObject({
      id: 'nightly',
      poolInfo: { poolId: 'render' },
      priority: 7,
      constraints: { maxWallClockTime: 'PT2H', maxTaskRetryCount: 2 },
      onAllTasksComplete: 'terminatejob',
      commonEnvironmentSettings: [{ name: 'MODE', value: 'fast' }],
      jobPreparationTask: { commandLine: 'prep.sh', waitForSuccess: false, userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'admin' } } },
      jobReleaseTask: { commandLine: 'release.sh' },
    });
  });
});
