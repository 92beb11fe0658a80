import { describe, expect, it } from 'vitest';
import { checkOneTask, emptyOneTask, parseEnvironment, specsFromPaste } from '../../../../renderer/features/jobs/task-spec-draft';
import { filterTotal } from '../../../../renderer/features/jobs/use-task-pages';
import { rowsInView } from '../../../../renderer/features/jobs/use-visible-range';

describe('the one-task form', () => {
  it('builds the task the contract takes: elevation, retries, minutes as a duration, NAME=value lines', () => {
    const check = checkOneTask({ ...emptyOneTask, id: 't1', commandLine: 'echo hi', elevated: true, retries: '3', maxWallClockMinutes: '15', environment: 'A=1\n\nB=x=y' });
    expect(check).toEqual({
      ok: true,
      task: { id: 't1', commandLine: 'echo hi', elevation: 'admin', maxTaskRetryCount: 3, maxWallClockTime: 'PT15M', environment: [{ name: 'A', value: '1' }, { name: 'B', value: 'x=y' }] },
    });
  });

  it("names each field at fault with the contract's words, and sends nothing", () => {
    const check = checkOneTask({ ...emptyOneTask, id: 'bad id', commandLine: ' ', retries: '200', maxWallClockMinutes: '0', environment: '1X=2' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(['commandLine', 'environment', 'id', 'maxWallClockMinutes', 'retries']);
    expect(check.errors.retries).toBe('At most 100 retries.');
    expect(parseEnvironment('NOEQUALS')).toBe('Line 1: write NAME=value.');
  });

  it('refuses a pasted collection at the first task the contract would refuse', () => {
    expect(specsFromPaste([{ id: 'a', commandLine: 'x', environmentSettings: [{ name: '9bad', value: '' }] }])).toMatchObject({ ok: false, error: expect.stringContaining('Task 1 (a)') });
    expect(specsFromPaste([{ id: 'a', commandLine: 'x' }])).toEqual({ ok: true, tasks: [{ id: 'a', commandLine: 'x', environment: [] }] });
  });
});

describe('paging the task list', () => {
  const counts = { active: 5, running: 2, completed: 93, succeeded: 90, failed: 3 };

  it('says how many tasks each server-side filter matches from taskcounts', () => {
    expect(['all', 'active', 'running', 'completed', 'succeeded', 'failed'].map((f) => filterTotal(counts, f as never))).toEqual([100, 5, 2, 93, 90, 3]);
    expect(filterTotal(undefined, 'all')).toBeUndefined();
  });

  it('knows which rows are in view from the scroll offset (what asks for the next page and which jobs get counts)', () => {
    expect(rowsInView(0, 320, 32, 1000)).toEqual({ first: 0, last: 9 });
    expect(rowsInView(6400, 320, 32, 205)).toEqual({ first: 200, last: 204 });
    expect(rowsInView(0, 320, 32, 0)).toEqual({ first: -1, last: -1 });
  });
});
