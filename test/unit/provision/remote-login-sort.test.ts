import { describe, expect, it } from 'vitest';
import type { RemoteLoginRow } from '../../../contract/features/provision';
import { sortRows } from '../../../renderer/features/connect/sort-rows';
import { mergeProgress } from '../../../renderer/features/connect/merge-progress';

const rows: RemoteLoginRow[] = [
  { nodeId: 'node-10', state: 'idle', ipAddress: '10.0.0.10', port: 50010, users: { ops: { status: 'created', present: true } } },
  { nodeId: 'node-9', state: 'running', ipAddress: '10.0.0.9', port: 50009, users: {} },
  { nodeId: 'node-2', state: 'starting', users: {}, unavailable: { code: 'NOT_READY', message: 'The node is starting' } },
  { nodeId: 'node-1', state: 'idle', ipAddress: '10.0.0.1', port: 50001, users: { ops: { status: 'failed', present: false } } },
];

describe('sorting the remote login table', () => {
  it('sorts node ids like a person would (node-2 before node-10)', () => {
    expect(sortRows(rows, { column: 'nodeId', direction: 'ascending' }).map((r) => r.nodeId)).toEqual(['node-1', 'node-2', 'node-9', 'node-10']);
  });

  it('sorts IP addresses numerically and ports with unreachable nodes last', () => {
    expect(sortRows(rows, { column: 'ipAddress', direction: 'ascending' }).map((r) => r.nodeId)).toEqual(['node-2', 'node-1', 'node-9', 'node-10']);
    expect(sortRows(rows, { column: 'port', direction: 'ascending' }).map((r) => r.nodeId)).toEqual(['node-1', 'node-9', 'node-10', 'node-2']);
    expect(sortRows(rows, { column: 'port', direction: 'descending' }).map((r) => r.nodeId)[0]).toBe('node-2');
  });

  it('sorts by the chosen user\'s status, ties in node order, without changing the input', () => {
    const before = rows.map((r) => r.nodeId);
    expect(sortRows(rows, { column: 'userStatus', direction: 'descending' }, 'ops').map((r) => r.nodeId)).toEqual(['node-1', 'node-10', 'node-2', 'node-9']);
    expect(rows.map((r) => r.nodeId)).toEqual(before);
  });
});

describe('live user status in the table', () => {
  const table = { poolId: 'p', rows, users: [], fetchedAt: '2026-01-01T00:00:00Z' };
  const base = {
    operationId: 'o', accountId: 'a', poolId: 'p', subject: 'ops', total: 2, counts: {} as never, outcomes: {}, state: 'running' as const, startedAt: '',
  };

  it('shows each node\'s progress as it arrives, and what the node has once it is done', () => {
    const next = mergeProgress(table, { ...base, kind: 'provision-apply', items: [{ id: 'node-9', status: 'retrying', attempts: 1 }] });
    expect(next.rows.find((r) => r.nodeId === 'node-9')!.users.ops).toEqual({ status: 'retrying', present: false });
    expect(next.rows.find((r) => r.nodeId === 'node-10')).toBe(rows[0]);
    const done = mergeProgress(next, { ...base, kind: 'provision-apply', items: [{ id: 'node-9', status: 'succeeded', outcome: 'recreated', attempts: 2 }] });
    expect(done.rows.find((r) => r.nodeId === 'node-9')!.users.ops).toEqual({ status: 'recreated', present: true });
  });

  it('a failed change on a node that had the user says so, and still counts the user as there', () => {
    const error = { code: 'BATCH_ERROR', message: 'The node is unusable.' };
    const next = mergeProgress(table, { ...base, kind: 'provision-apply', items: [{ id: 'node-10', status: 'failed', attempts: 1, error }] });
    expect(next.rows.find((r) => r.nodeId === 'node-10')!.users.ops).toEqual({ status: 'failed', present: true, error });
  });

  it('drops the user from nodes it was removed from', () => {
    const next = mergeProgress(table, { ...base, kind: 'provision-remove', items: [{ id: 'node-10', status: 'succeeded', outcome: 'removed', attempts: 1 }] });
    expect(next.rows.find((r) => r.nodeId === 'node-10')!.users).toEqual({});
  });
});
