import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../contract/result';
import { startProvisionFixture, type ProvisionFixture } from '../provision/provision-fixture';
import { fleetRig, provisionAll, strandNode, writeOnNode, type FleetRig } from './fleet-fixture';

let fx: ProvisionFixture;
let rig: FleetRig;
let nodes: string[];
let small: string[];
const answerOf = (g: { kind: string; count: number; stdout?: string }) => [g.count, g.kind === 'answer' ? g.stdout : g.kind];

beforeAll(async () => {
  fx = await startProvisionFixture();
  nodes = await fx.createSshPool('fleet-a', 5);
  small = await fx.createSshPool('fleet-b', 3);
  await provisionAll(fx, 'fleet-a', 'fleetop');
  await provisionAll(fx, 'fleet-b', 'fleetop');
  // Two nodes answer differently, as if a start task had left a marker there.
  writeOnNode(fx, 'fleet-a', nodes[1]!, 'marker');
  writeOnNode(fx, 'fleet-a', nodes[3]!, 'marker');
  rig = fleetRig(fx);
});
afterAll(async () => {
  await rig?.dispose();
  await fx?.stop();
});

describe('running one command on every node of an emulator pool', () => {
  it('groups identical answers: 3 nodes say no, the 2 with the marker say yes, all exit 0', async () => {
    const result = await rig.runAndWait({ poolId: 'fleet-a', command: 'test -f marker && echo yes || echo no', target: { all: true }, concurrency: 32, timeoutSeconds: 30, acceptNewHostKeys: true });
    expect(result.state).toBe('finished');
    expect(result.userName).toBe('fleetop');
    expect(result.groups.map(answerOf)).toEqual([
      [3, 'no\n'],
      [2, 'yes\n'],
    ]);
    expect(result.groups[1]!.nodeIds).toEqual([nodes[1], nodes[3]].sort());
    expect(result.histogram).toEqual([{ label: 'exit 0', count: 5 }]);
    expect(result.nodes.every((n) => n.durationMs >= 0)).toBe(true);
    // The same connections are shared: none stays open once the command ended.
    expect(rig.connections.openCount).toBe(0);
    const history = await rig.fleet.service.history(fx.accountId, 'fleet-a');
    expect(history[0]).toMatchObject({ command: 'test -f marker && echo yes || echo no', total: 5, state: 'finished' });
    expect(history[0]!.groups.map((g) => [g.count, g.preview])).toEqual([[3, 'no'], [2, 'yes']]);
  });

  it('keeps a command in history but never writes its text to the log (it may hold a secret)', async () => {
    const command = 'API_TOKEN=s3cr3t-fleet-value sh -c \'echo "$API_TOKEN" | wc -c\'';
    const result = await rig.runAndWait({ poolId: 'fleet-a', command, target: { all: true }, concurrency: 8, timeoutSeconds: 30, acceptNewHostKeys: true });
    expect(result.groups.map(answerOf)).toEqual([[5, '19\n']]);
    expect((await rig.fleet.service.history(fx.accountId, 'fleet-a'))[0]).toMatchObject({ command });
    const started = fx.logLines.filter((line) => line.includes(result.operationId));
    expect(started.some((line) => /fleet-command command on 5 item\(s\) of pool fleet-a: started/.test(line))).toBe(true);
    expect(fx.logLines.join('\n')).not.toMatch(/s3cr3t|API_TOKEN|wc -c/);
  });

  it('keeps stderr and the exit code, and caps output per node saying how much was dropped', async () => {
    const capped = fleetRig(fx, { capBytes: 1000 });
    try {
      const result = await capped.runAndWait({ poolId: 'fleet-a', command: 'head -c 5000 /dev/zero | tr "\\0" x; echo oops >&2; exit 3', target: { nodeIds: [nodes[0]!, nodes[2]!] }, concurrency: 2, timeoutSeconds: 30, acceptNewHostKeys: true });
      expect(result.groups).toHaveLength(1);
      const group = result.groups[0]!;
      if (group.kind !== 'answer') throw new Error('expected an answer');
      expect(group).toMatchObject({ count: 2, stderr: 'oops\n', end: { kind: 'exit', code: 3 }, stdoutDropped: 4000 });
      expect(group.stdout).toHaveLength(1000);
    } finally {
      await capped.dispose();
    }
  });

  it('ends a command that runs past the per-node timeout as "timeout" with what it printed so far', async () => {
    const result = await rig.runAndWait({ poolId: 'fleet-a', command: 'echo started; sleep 30', target: { nodeIds: [nodes[0]!] }, concurrency: 4, timeoutSeconds: 2, acceptNewHostKeys: true });
    const group = result.groups[0]!;
    expect(group.kind === 'answer' && group.end.kind).toBe('timeout');
    expect(group.kind === 'answer' && group.stdout).toBe('started\n');
  });

  it('refuses nodes whose host key nobody trusted when first-seen keys are not accepted, and sends nothing to them', async () => {
    const fresh = fleetRig(fx);
    try {
      const result = await fresh.runAndWait({ poolId: 'fleet-a', command: 'touch should-not-exist', target: { all: true }, concurrency: 8, timeoutSeconds: 30, acceptNewHostKeys: false });
      expect(result.groups).toEqual([expect.objectContaining({ kind: 'unreachable', reason: 'host-key-unknown', count: 5 })]);
    } finally {
      await fresh.dispose();
    }
  });

  it('cancel stops the nodes not yet started and the command running; they are reported as not run', async () => {
    const { operationId } = await rig.fleet.service.run({ accountId: fx.accountId, poolId: 'fleet-a', command: 'sleep 20', target: { all: true }, concurrency: 1, timeoutSeconds: 60, acceptNewHostKeys: true });
    await expect.poll(() => fx.operations.get(operationId).counts.running, { timeout: 10_000 }).toBe(1);
    expect(fx.operations.cancel(operationId)).toBe(true);
    const summary = await fx.whenDone(operationId);
    expect(summary.state).toBe('cancelled');
    expect(summary.counts.cancelled).toBe(5);
    const result = rig.fleet.service.result(operationId);
    expect(result).toMatchObject({ state: 'cancelled', answered: 0 });
    expect(result.notRun).toHaveLength(5);
  });
});

describe('nodes that cannot answer', () => {
  it('puts an unusable node and a node that refuses the login in unreachable groups, each with its reason', async () => {
    await strandNode(fx, 'fleet-b', small[2]!, 'unusable');
    // Removed behind Batch Deck's back: the registry still thinks the user is there, the node refuses the key.
    await fx.client.computeNode.deleteUser('fleet-b', small[1]!, 'fleetop');
    const result = await rig.runAndWait({ poolId: 'fleet-b', command: 'echo hi', target: { all: true }, concurrency: 8, timeoutSeconds: 30, acceptNewHostKeys: true });
    expect(result.groups[0]).toMatchObject({ kind: 'answer', count: 1, stdout: 'hi\n', nodeIds: [small[0]] });
    const unreachable = Object.fromEntries(result.groups.filter((g) => g.kind === 'unreachable').map((g) => [g.kind === 'unreachable' && g.reason, g]));
    expect(unreachable['not-ready']).toMatchObject({ nodeIds: [small[2]], message: expect.stringContaining('unusable') });
    expect(unreachable['auth-failed']).toMatchObject({ nodeIds: [small[1]], message: expect.stringContaining('refused the login') });
    expect(result.nodes.find((n) => n.nodeId === small[1])?.detail).toMatch(/127\.0\.0\.1:\d+ refused the login of fleetop/);
    expect(result.histogram).toEqual([{ label: 'unreachable', count: 2 }, { label: 'exit 0', count: 1 }]);
  });

  it('refuses to run, starting nothing, when no user Batch Deck can log in with is on the nodes', async () => {
    const before = fx.operations.list({ accountId: fx.accountId, kind: 'fleet-command' }).length;
    await fx.createSshPool('fleet-c', 1);
    const failure = await rig.fleet.service.run({ accountId: fx.accountId, poolId: 'fleet-c', command: 'hostname', target: { all: true }, concurrency: 4, timeoutSeconds: 10, acceptNewHostKeys: true }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ContractFailure);
    expect(failure).toMatchObject({ code: 'CONFLICT', details: { needsUser: true } });
    expect((failure as Error).message).toMatch(/Provision one with the managed key/);
    expect(await rig.fleet.service.preflight({ accountId: fx.accountId, poolId: 'fleet-c', target: { all: true } })).toEqual({ targetCount: 1, users: [] });
    expect(fx.operations.list({ accountId: fx.accountId, kind: 'fleet-command' })).toHaveLength(before);
  });

  it('refuses a selection of nodes that are no longer in the pool', async () => {
    const failure = await rig.fleet.service.run({ accountId: fx.accountId, poolId: 'fleet-a', command: 'hostname', target: { nodeIds: ['no-such-node'] }, concurrency: 4, timeoutSeconds: 10, acceptNewHostKeys: true }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('nothing was run') });
  });
});
