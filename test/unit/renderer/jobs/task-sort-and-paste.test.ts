import { describe, expect, it } from 'vitest';
import { nextSort, sortTasks } from '../../../../renderer/features/jobs/task-sort';
import { parsePastedTasks, splitCsvLine } from '../../../../renderer/features/jobs/task-paste';

const tasks = [
  { id: 'task-10', state: 'completed', exitCode: 1, endTime: '2026-01-01T00:00:03Z' },
  { id: 'task-2', state: 'running' },
  { id: 'task-1', state: 'completed', exitCode: 0, endTime: '2026-01-01T00:00:01Z' },
  { id: 'task-3', state: 'active' },
];

describe('sorting the loaded tasks', () => {
  it('sorts ids in natural order (task-2 before task-10)', () => {
    expect(sortTasks(tasks, { key: 'id', direction: 'ascending' }).map((t) => t.id)).toEqual(['task-1', 'task-2', 'task-3', 'task-10']);
  });

  it('puts failures first when sorting exit codes descending, and tasks without an exit code last either way', () => {
    expect(sortTasks(tasks, { key: 'exitCode', direction: 'descending' }).map((t) => t.id)).toEqual(['task-10', 'task-1', 'task-2', 'task-3']);
    expect(sortTasks(tasks, { key: 'exitCode', direction: 'ascending' }).map((t) => t.id)).toEqual(['task-1', 'task-10', 'task-2', 'task-3']);
  });

  it('orders states as a task lives them, and end times with unfinished tasks last', () => {
    expect(sortTasks(tasks, { key: 'state', direction: 'ascending' }).map((t) => t.state)).toEqual(['active', 'running', 'completed', 'completed']);
    expect(sortTasks(tasks, { key: 'endTime', direction: 'descending' }).map((t) => t.id)).toEqual(['task-10', 'task-1', 'task-2', 'task-3']);
  });

  it('keeps the service order without a sort, and a third header click returns to it', () => {
    expect(sortTasks(tasks, undefined)).toBe(tasks);
    const first = nextSort(undefined, 'exitCode');
    const second = nextSort(first, 'exitCode');
    expect([first?.direction, second?.direction, nextSort(second, 'exitCode')]).toEqual(['ascending', 'descending', undefined]);
    expect(nextSort(second, 'id')).toEqual({ key: 'id', direction: 'ascending' });
  });
});

describe('reading pasted tasks', () => {
  it('turns one command line per line into numbered tasks, commas and quotes kept', () => {
    const result = parsePastedTasks('echo a, b\n\n/bin/sh -c "exit 1"\n', 'run');
    expect(result).toEqual({ ok: true, tasks: [{ id: 'run-1', commandLine: 'echo a, b' }, { id: 'run-2', commandLine: '/bin/sh -c "exit 1"' }] });
  });

  it('reads CSV with an id,commandLine header, quoted cells included', () => {
    const result = parsePastedTasks('id,commandLine\nt1,"echo ""hi"", there"\nt2,/bin/true');
    expect(result).toEqual({ ok: true, tasks: [{ id: 't1', commandLine: 'echo "hi", there' }, { id: 't2', commandLine: '/bin/true' }] });
    expect(splitCsvLine('a,"b,c",d')).toEqual(['a', 'b,c', 'd']);
  });

  it('reads a JSON array of command lines or of task objects, padding generated ids so they sort', () => {
    const many = parsePastedTasks(JSON.stringify(Array.from({ length: 12 }, (_, i) => `echo ${i}`)));
    expect(many.ok && many.tasks.map((t) => t.id).slice(0, 2)).toEqual(['task-01', 'task-02']);
    const objects = parsePastedTasks('[{"id":"a","commandLine":"x","environmentSettings":[{"name":"N","value":"1"}]}]');
    expect(objects).toEqual({ ok: true, tasks: [{ id: 'a', commandLine: 'x', environmentSettings: [{ name: 'N', value: '1' }] }] });
  });

  it('refuses the whole paste with the line at fault: bad JSON, a bad id, a duplicate (ignoring case), an empty command', () => {
    expect(parsePastedTasks('[1, 2')).toMatchObject({ ok: false, error: expect.stringContaining('does not parse') });
    expect(parsePastedTasks('[{"id":"x"}]')).toEqual({ ok: false, error: 'Entry 1 has no "commandLine" string.' });
    expect(parsePastedTasks('id,commandLine\nbad id,echo')).toMatchObject({ ok: false, error: expect.stringContaining('Task 1: id "bad id"') });
    expect(parsePastedTasks('id,commandLine\nA,echo\na,echo')).toMatchObject({ ok: false, error: expect.stringContaining('appears twice') });
    expect(parsePastedTasks('id,commandLine\nA,')).toMatchObject({ ok: false, error: expect.stringContaining('empty command line') });
    expect(parsePastedTasks('  ')).toEqual({ ok: false, error: 'Paste at least one command line.' });
  });
});
