import { describe, expect, it } from 'vitest';
import { CappedBuffer } from '../../../main/fleet/capped-exec';
import { FleetAnswers } from '../../../main/fleet/fleet-answers';
import { toCsv } from '../../../main/fleet/fleet-export';
import { historyEntryOf } from '../../../main/fleet/fleet-history';
import { classifyFailure, unreachable } from '../../../main/fleet/unreachable';
import { SshConnectFailure } from '../../../main/ssh/ssh-failure';
import type { FleetResult } from '../../../contract/features/fleet';

const ok = (stdout: string, code = 0) => ({ stdout, stderr: '', stdoutDropped: 0, stderrDropped: 0, end: { kind: 'exit' as const, code } });

describe('fleet answers', () => {
  it('collapses identical answers into one group per answer, largest first, with its nodes', () => {
    const answers = new FleetAnswers();
    for (let i = 0; i < 7; i++) answers.addAnswer(`n${i}`, ok('no\n'), 10);
    for (let i = 7; i < 10; i++) answers.addAnswer(`n${i}`, ok('yes\n'), 10);
    const groups = answers.sortedGroups();
    expect(groups.map((g) => [g.count, g.kind === 'answer' ? g.stdout : ''])).toEqual([
      [7, 'no\n'],
      [3, 'yes\n'],
    ]);
    expect(groups[1]?.nodeIds).toEqual(['n7', 'n8', 'n9']);
  });

  it('keeps answers apart when only stderr, the exit code or the bytes past the cap differ', () => {
    const answers = new FleetAnswers();
    answers.addAnswer('a', ok('x'), 1);
    answers.addAnswer('b', { ...ok('x'), stderr: 'warn' }, 1);
    answers.addAnswer('c', ok('x', 1), 1);
    answers.addAnswer('d', { ...ok('x'), stdoutDropped: 5 }, 1);
    answers.addAnswer('e', ok('x'), 1);
    expect(answers.sortedGroups().map((g) => g.count)).toEqual([2, 1, 1, 1]);
  });

  it('counts exit codes, signals, timeouts and unreachable nodes in the histogram', () => {
    const answers = new FleetAnswers();
    answers.addAnswer('a', ok('', 0), 1);
    answers.addAnswer('b', ok('', 0), 1);
    answers.addAnswer('c', ok('', 127), 1);
    answers.addAnswer('d', { ...ok(''), end: { kind: 'signal', signal: 'KILL' } }, 1);
    answers.addAnswer('e', { ...ok('partial'), end: { kind: 'timeout', afterMs: 1234 } }, 1);
    answers.addAnswer('f', { ...ok('partial'), end: { kind: 'timeout', afterMs: 999 } }, 1);
    answers.addUnreachable('g', unreachable('connection-refused', '127.0.0.1:1 refused'), 1);
    expect(answers.histogram()).toEqual([
      { label: 'exit 0', count: 2 },
      { label: 'timeout', count: 2 },
      { label: 'exit 127', count: 1 },
      { label: 'signal KILL', count: 1 },
      { label: 'unreachable', count: 1 },
    ]);
  });

  it('groups unreachable nodes by reason, keeping each node’s own words', () => {
    const answers = new FleetAnswers();
    answers.addUnreachable('a', unreachable('connection-refused', 'Cannot reach 127.0.0.1:20001 (ECONNREFUSED).'), 3);
    answers.addUnreachable('b', unreachable('connection-refused', 'Cannot reach 127.0.0.1:20002 (ECONNREFUSED).'), 3);
    answers.addUnreachable('c', unreachable('auth-failed', 'refused the login of u'), 3);
    const groups = answers.sortedGroups();
    expect(groups.map((g) => (g.kind === 'unreachable' ? [g.reason, g.count] : []))).toEqual([
      ['connection-refused', 2],
      ['auth-failed', 1],
    ]);
    expect(answers.nodeResults().find((n) => n.nodeId === 'b')?.detail).toContain('20002');
  });

  it('keeps a node’s first answer when it is reported twice', () => {
    const answers = new FleetAnswers();
    answers.addAnswer('a', ok('first'), 1);
    answers.addAnswer('a', ok('second'), 1);
    expect(answers.answered).toBe(1);
    expect(answers.sortedGroups()).toHaveLength(1);
  });
});

describe('why a node gave no answer', () => {
  it('reads the SSH failures the connection raises', () => {
    const reason = (code: ConstructorParameters<typeof SshConnectFailure>[0], message: string) => classifyFailure(new SshConnectFailure(code, message, false))?.reason;
    expect(reason('UNREACHABLE', 'Cannot reach 127.0.0.1:5 (ECONNREFUSED).')).toBe('connection-refused');
    expect(reason('UNREACHABLE', '127.0.0.1:5 did not finish the SSH handshake within 20 s.')).toBe('timeout');
    expect(reason('SSH_ERROR', '127.0.0.1:5 refused the login of bob: the key or password was not accepted.')).toBe('auth-failed');
    expect(reason('HOST_KEY_CHANGED', 'changed')).toBe('host-key-changed');
    expect(reason('NO_SSH_ENDPOINT', 'none')).toBe('no-login-endpoint');
    expect(reason('CANCELLED', 'cancelled')).toBeUndefined();
  });
});

describe('capped output', () => {
  it('keeps the first bytes up to the cap and counts the rest, never cutting a character in half', () => {
    const buffer = new CappedBuffer(5);
    buffer.push(Buffer.from('abcd'));
    buffer.push(Buffer.from('é!!'));
    expect(buffer.text()).toBe('abcd');
    expect(buffer.dropped).toBe(3);
  });
});

describe('export and history', () => {
  const result: FleetResult = {
    operationId: 'op', accountId: 'acc', poolId: 'p', command: 'echo "hi", there', userName: 'u', state: 'finished', total: 3, answered: 3,
    groups: [
      { kind: 'answer', key: 'k1', count: 2, nodeIds: ['a', 'b'], end: { kind: 'exit', code: 0 }, stdout: 'line1, "q"\nline2\n', stderr: '', stdoutDropped: 0, stderrDropped: 0 },
      { kind: 'unreachable', key: 'k2', count: 1, nodeIds: ['c'], reason: 'auth-failed', message: 'refused' },
    ],
    histogram: [], nodes: [{ nodeId: 'a', groupKey: 'k1', durationMs: 5 }, { nodeId: 'b', groupKey: 'k1', durationMs: 6 }, { nodeId: 'c', groupKey: 'k2', durationMs: 1, detail: 'bad key' }],
    notRun: [], outputCapBytes: 65536, startedAt: '2026-01-01T00:00:00.000Z',
  };

  it('writes one CSV row per node with quoted output and the reason for unreachable ones', () => {
    const lines = toCsv(result).text.split('\r\n');
    expect(lines[0]).toBe('node_id,group,end,duration_ms,stdout,stderr,unreachable_reason,detail');
    expect(lines[1]).toBe('a,1,exit 0,5,"line1, ""q""\nline2\n",,,');
    expect(lines[3]).toBe('c,2,unreachable,1,,,auth-failed,bad key');
  });

  it('keeps only the first line of each group in history', () => {
    const entry = historyEntryOf(result, 'all 3 nodes');
    expect(entry.groups).toEqual([
      { kind: 'answer', count: 2, end: 'exit 0', preview: 'line1, "q"' },
      { kind: 'unreachable', count: 1, end: 'auth-failed', preview: 'refused' },
    ]);
    expect(JSON.stringify(entry)).not.toContain('line2');
  });
});
