import { describe, expect, it } from 'vitest';
import type { NodeRow } from '../../../contract/features/batch-models';
import { fleetChannels } from '../../../contract/features/fleet';
import { planFleet, preflightOf, targetNodeIds } from '../../../main/fleet/fleet-plan';
import type { UserRecord } from '../../../main/provision/user-registry';

const now = new Date('2026-06-01T00:00:00Z');
const row = (id: string, state = 'idle'): NodeRow => [id, state, 'enabled', '10.0.0.1', 22, undefined, true, '127.0.0.1'] as unknown as NodeRow;
const rows = [row('a'), row('b'), row('c', 'unusable'), row('d', 'starting')];
const user = (userName: string, nodes: string[], extra: Partial<UserRecord> = {}): UserRecord => ({
  userName, authKind: 'managedKey', isAdmin: false, expiryTime: '2026-06-02T00:00:00Z', updatedAt: '', passwordVersion: 0,
  nodes: Object.fromEntries(nodes.map((id) => [id, { status: 'created', present: true }])), ...extra,
});

describe('which nodes a fleet command targets', () => {
  it('takes every node, the listed ones (noting those no longer listed), or the nodes in the chosen states', () => {
    expect(targetNodeIds(rows, { all: true }, 'p').ids).toEqual(['a', 'b', 'c', 'd']);
    expect(targetNodeIds(rows, { nodeIds: ['b', 'gone', 'b'] }, 'p')).toEqual({ ids: ['b'], missing: ['gone'] });
    expect(targetNodeIds(rows, { states: ['Unusable', 'starting'] }, 'p').ids).toEqual(['c', 'd']);
  });

  it('refuses a state no node is in, and an empty pool, saying nothing was run', () => {
    expect(() => targetNodeIds(rows, { states: ['rebooting'] }, 'p')).toThrow(/No node of pool p is rebooting now; nothing was run/);
    expect(() => targetNodeIds([], { all: true }, 'p')).toThrow(/has no nodes yet/);
  });

  it('decides before connecting: nodes not ready, not listed, or without the user are unreachable with why', () => {
    const plan = planFleet(rows, ['a', 'b', 'c', 'd'], ['gone'], user('ops', ['a', 'c', 'd']), now);
    expect(plan.nodeIds).toEqual(['a']);
    expect(Object.fromEntries([...plan.decided].map(([id, v]) => [id, v.reason]))).toEqual({ gone: 'node-gone', b: 'no-user', c: 'not-ready', d: 'not-ready' });
    expect(plan.decided.get('c')?.summary).toBe('The node is unusable: logins open once it is idle or running.');
    expect(plan.decided.get('b')?.detail).toBe('User ops was never provisioned there.');
  });
});

describe('who runs the command', () => {
  it('suggests the user usable on most nodes, the managed key winning a tie; expired and own-key users cannot run', () => {
    const users = [
      user('pw', ['a', 'b'], { authKind: 'password' }),
      user('key', ['a', 'b']),
      user('old', ['a', 'b', 'c'], { expiryTime: '2026-05-01T00:00:00Z' }),
      user('mine', ['a', 'b', 'c'], { authKind: 'publicKey' }),
    ];
    const preflight = preflightOf(users, ['a', 'b', 'c'], now);
    expect(preflight.suggestedUser).toBe('key');
    expect(preflight.users.map((u) => [u.userName, u.usableOn, u.expired])).toEqual([['pw', 2, false], ['key', 2, false], ['old', 0, true], ['mine', 0, false]]);
    expect(preflightOf([], ['a'], now)).toEqual({ targetCount: 1, users: [] });
  });
});

describe('bad input is refused at the boundary', () => {
  const request = fleetChannels['fleet:run'].request;
  const base = { accountId: 'sandbox', poolId: 'p', target: { all: true } };
  const problem = (payload: object) => {
    const parsed = request.safeParse({ ...base, ...payload });
    return parsed.success ? undefined : parsed.error.issues[0]?.message;
  };

  it('says what is wrong with an empty or too long command, or an empty selection', () => {
    expect(problem({ command: '   ' })).toBe('Type a command to run.');
    expect(problem({ command: 'x'.repeat(8193) })).toBe('A command has at most 8,192 characters.');
    expect(problem({ command: 'hostname', target: { nodeIds: [] } })).toBeDefined();
    expect(problem({ command: 'hostname', concurrency: 0 })).toBeDefined();
    expect(problem({ command: 'hostname' })).toBeUndefined();
    expect(request.parse({ ...base, command: 'hostname' })).toMatchObject({ concurrency: 32, timeoutSeconds: 60, acceptNewHostKeys: true });
  });
});
