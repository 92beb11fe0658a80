import { describe, expect, it } from 'vitest';
import { BatchStore } from '../../../../emulator/state/store';
import { moveTask } from '../../../../emulator/state/task-state';
import { compileFilter } from '../../../../emulator/api/odata-filter';
import type { StoredTask } from '../../../../emulator/state/model';

function task(id: string, requiredSlots = 1): StoredTask {
  const at = '2026-11-30T00:00:00.0000000Z';
  return { id, jobId: 'job', spec: { commandLine: 'true', requiredSlots }, eTag: '0x1', lastModified: at, creationTime: at, state: 'active', stateTransitionTime: at };
}

describe("a job's task table", () => {
  it('keeps task counts and slot counts in step with every state change, without scanning', () => {
    const store = new BatchStore();
    const [a, b, c] = [task('a'), task('b', 3), task('c')];
    store.addTasks([a, b, c]);
    const table = store.tableOf('JOB');
    expect(table.tally).toEqual({ active: 3, running: 0, completed: 0, succeeded: 0, failed: 0 });
    moveTask(store, b, 'preparing');
    moveTask(store, a, 'running');
    expect([table.tally.running, table.slotTally.running, [...table.active()].map((t) => t.id)]).toEqual([2, 4, ['c']]);
    moveTask(store, a, 'completed', (exec) => (exec.result = 'failure'));
    moveTask(store, b, 'completed', (exec) => (exec.result = 'success'));
    expect(table.tally).toEqual({ active: 1, running: 0, completed: 2, succeeded: 1, failed: 1 });
    expect(table.slotTally).toEqual({ active: 1, running: 0, completed: 4, succeeded: 3, failed: 1 });
    // Reactivated: back in the queue (at its end) and out of the failed count.
    moveTask(store, a, 'active', () => (a.executionInfo = { retryCount: 0, requeueCount: 0 }));
    expect([table.tally.failed, [...table.active()].map((t) => t.id)]).toEqual([0, ['c', 'a']]);
    store.removeTask('job', 'C');
    expect([table.size, table.tally.active, table.positionOf('b'), table.at(2)]).toEqual([2, 1, 1, undefined]);
  });

  it('changes a copy when tasks share one executionInfo, as seeded tasks do', () => {
    const store = new BatchStore();
    const shared = { retryCount: 0, requeueCount: 0, exitCode: 1, result: 'failure' as const };
    const [a, b] = [{ ...task('a'), state: 'completed' as const, executionInfo: shared }, { ...task('b'), state: 'completed' as const, executionInfo: shared }];
    store.addTasks([a, b]);
    moveTask(store, a, 'active', (exec) => (exec.retryCount = 5));
    expect([a.executionInfo?.retryCount, b.executionInfo?.retryCount, store.tableOf('job').tally.failed]).toEqual([5, 0, 1]);
  });
});

describe('$filter equality terms a listing may test first', () => {
  it('names only the comparisons every match must satisfy', () => {
    const equals = (filter: string) => Object.fromEntries(compileFilter(filter)?.equals ?? []);
    expect(equals("state eq 'completed' and executionInfo/result eq 'failure'")).toEqual({ state: 'completed', 'executionInfo/result': 'failure' });
    expect(equals("(executionInfo/exitCode eq 1) and startswith(id,'t')")).toEqual({ 'executionInfo/exitCode': 1 });
    expect(equals("state eq 'active' or state eq 'running'")).toEqual({});
    expect(equals("not (state eq 'completed')")).toEqual({});
    expect(equals("state ne 'completed'")).toEqual({});
  });
});
