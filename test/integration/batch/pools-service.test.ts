import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolSpecInput } from '../../../contract/features/batch';
import { ContractFailure } from '../../../contract/result';
import { createBatchServices, type BatchServices } from '../../../main/batch/batch-feature';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { nodeActionsFor } from '../../helpers/node-actions';
import { emulatorSource, jammyPool, randomFrontendStart, recordingEvents, eventually } from './emulator-source';

/** The account every call names: the one emulatorSource serves. */
const account = 'sandbox';

let emulator: EmulatorProcess;
let services: BatchServices;
let actions: ReturnType<typeof nodeActionsFor>;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ timeScale: 0.01 });
  const source = emulatorSource(emulator);
  const events = recordingEvents();
  services = createBatchServices(source, events);
  actions = nodeActionsFor(source, services.nodes, events);
});

afterAll(async () => {
  await emulator?.stop();
});

function spec(overrides: Partial<PoolSpecInput> = {}) {
  const start = randomFrontendStart();
  return jammyPool({
    id: 'pool-a',
    targetDedicatedNodes: 2,
    startTask: { commandLine: 'printenv AZ_BATCH_NODE_STARTUP_DIR' },
    ssh: { enabled: true, frontendPortRangeStart: start, frontendPortRangeEnd: start + 99, sourceAddressPrefix: '127.0.0.1' },
    ...overrides,
  });
}

async function failureOf(call: () => Promise<unknown>): Promise<ContractFailure> {
  try {
    await call();
  } catch (error) {
    if (error instanceof ContractFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('pools and nodes against the emulator', () => {
  it('a pool created with SSH access and a start task reaches idle nodes whose start task output shows the startup folder', async () => {
    await services.pools.create(account, spec());
    const listed = await services.pools.list(account);
    const pool = listed.pools.find((p) => p.id === 'pool-a');
    expect(pool).toMatchObject({ targetDedicatedNodes: 2, sshAccess: 'nat-pool', vmSize: expect.stringMatching(/standard_d2s_v5/i) });
    expect(listed.account.endpoint).toBe(emulator.endpoint);

    const rows = await eventually(async () => {
      const result = await services.nodes.list(account, 'pool-a', undefined, true);
      if (result.unchanged) return undefined;
      return result.rows.length === 2 && result.rows.every((r) => r[1] === 'idle') ? result.rows : undefined;
    });
    for (const [, , scheduling, ip, sshPort, exitCode] of rows) {
      expect(scheduling).toBe('enabled');
      expect(ip).not.toBe('');
      expect(sshPort).toBeGreaterThan(0);
      expect(exitCode).toBe(0);
    }
    const output = await services.nodeFiles.read({ accountId: account, poolId: 'pool-a', nodeId: rows[0]![0], path: 'startup/stdout.txt', maxBytes: 65536, tail: true });
    expect(output.text).toMatch(/startup/);
    expect(output.end).toBe(output.size);

    const counted = (await services.pools.list(account)).pools.find((p) => p.id === 'pool-a');
    expect(counted?.nodeCounts?.dedicated.idle).toBe(2);
    const detail = await services.pools.get(account, 'pool-a');
    expect(detail.natPools[0]).toMatchObject({ backendPort: 22, sourcePrefixes: ['allow 127.0.0.1', 'deny *'] });
    expect(detail.startTask).toMatchObject({ commandLine: 'printenv AZ_BATCH_NODE_STARTUP_DIR', elevated: true, waitForSuccess: true });
  });

  it('asking again with the version already held sends no rows', async () => {
    const first = await services.nodes.list(account, 'pool-a');
    const again = await services.nodes.list(account, 'pool-a', first.version);
    expect(again).toMatchObject({ unchanged: true, version: first.version });
  });

  it('a duplicate pool id comes back with the service code PoolExists and its message', async () => {
    const failure = await failureOf(() => services.pools.create(account, spec({ id: 'POOL-A' })));
    expect(failure.code).toBe('BATCH_ERROR');
    expect(failure.details?.serviceCode).toBe('PoolExists');
    expect(failure.message).toMatch(/exists/i);
  });

  it('resize to 3 grows the pool to 3 dedicated nodes, and stop resize is accepted', async () => {
    await services.pools.resize(account, 'pool-a', 3, 0);
    await eventually(async () => {
      const pool = await services.pools.get(account, 'pool-a');
      return pool.allocationState === 'steady' && pool.currentDedicatedNodes === 3 ? pool : undefined;
    });
    await services.pools.resize(account, 'pool-a', 3, 1);
    await services.pools.stopResize(account, 'pool-a');
    await eventually(async () => ((await services.pools.get(account, 'pool-a')).allocationState === 'steady' ? true : undefined));
  });

  it('bulk actions reach every selected node and report the ones that failed', async () => {
    const listed = await eventually(async () => {
      const result = await services.nodes.list(account, 'pool-a', undefined, true);
      return !result.unchanged && result.rows.filter((r) => r[1] === 'idle').length >= 3 ? result : undefined;
    });
    const ids = listed.rows.filter((r) => r[1] === 'idle').map((r) => r[0]);
    const result = await actions.run({ accountId: account, poolId: 'pool-a', action: 'disable-scheduling', target: { nodeIds: [...ids, 'tvmps_missing_d'] } });
    expect(result.summary, JSON.stringify(result)).toMatchObject({ state: 'finished', total: ids.length + 1, outcomes: { accepted: ids.length } });
    expect(result.items.filter((i) => i.status === 'failed')).toEqual([expect.objectContaining({ id: 'tvmps_missing_d', error: expect.objectContaining({ serviceCode: 'NodeNotFound' }) })]);
    const after = await services.nodes.list(account, 'pool-a', listed.version);
    if (after.unchanged) throw new Error('scheduling changed, rows should have crossed');
    expect(after.rows.filter((r) => ids.includes(r[0])).every((r) => r[2] === 'disabled')).toBe(true);
    const enabled = await actions.run({ accountId: account, poolId: 'pool-a', action: 'enable-scheduling', target: { state: 'idle' } });
    expect(enabled.summary.counts.failed).toBe(0);
  });

  it('a pool with the 2025-06-01 options reads back with every option it was created with, and its nodes deallocate and start', async () => {
    const options = {
      subnetId: '',
      autoScale: { enabled: false, formula: '', intervalMinutes: 15 },
      security: { type: 'trustedLaunch' as const, secureBoot: true, vTpm: true, encryptionAtHost: true, encryption: 'VMGuestStateOnly' as const },
      osDisk: { ephemeral: true, sizeGB: 64, storageAccountType: 'default' as const, caching: 'readonly' as const },
      publicIp: { provision: 'nopublicipaddresses' as const, ipAddressIds: [], dualStack: false },
      acceleratedNetworking: true,
      placement: 'zonal' as const,
      upgrade: { mode: 'automatic' as const, automaticOSUpgrade: true, disableAutomaticRollback: false },
      container: 'dockerCompatible' as const,
      scheduling: { nodeFillType: 'pack' as const, jobDefaultOrder: 'creationtime' as const },
    };
    await services.pools.create(account, jammyPool({ id: 'hardened', image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' }, options }));
    const detail = await services.pools.get(account, 'hardened');
    expect(detail.options).toEqual(options);
    expect(detail.sshAccess).toBe('none');

    const idle = await eventually(async () => {
      const result = await services.nodes.list(account, 'hardened', undefined, true);
      return !result.unchanged && result.rows[0]?.[1] === 'idle' ? result.rows[0] : undefined;
    });
    const deallocated = await actions.run({ accountId: account, poolId: 'hardened', action: 'deallocate', target: { nodeIds: [idle[0]] } });
    expect(deallocated.summary.outcomes).toEqual({ accepted: 1 });
    await eventually(async () => {
      const result = await services.nodes.list(account, 'hardened', undefined, true);
      return !result.unchanged && result.rows[0]?.[1] === 'deallocated' ? true : undefined;
    });
    expect((await services.pools.get(account, 'hardened')).nodeCounts?.dedicated.deallocated).toBe(1);
    const started = await actions.run({ accountId: account, poolId: 'hardened', action: 'start', target: { state: 'deallocated' } });
    expect(started.summary.outcomes).toEqual({ accepted: 1 });
    const again = await actions.run({ accountId: account, poolId: 'hardened', action: 'start', target: { nodeIds: [idle[0]] } });
    expect(again.items[0]?.error?.serviceCode).toBe('OperationInvalidForCurrentState');
  });

  it('an autoscaled pool in a subnet reads back with its formula, interval and subnet (what Copy pool keeps)', async () => {
    const subnetId = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/batch';
    const autoScale = { enabled: true, formula: '$TargetDedicatedNodes = 0;', intervalMinutes: 10 };
    await services.pools.create(account, jammyPool({ id: 'scaled', options: { subnetId, autoScale } as PoolSpecInput['options'] }));
    const detail = await services.pools.get(account, 'scaled');
    expect(detail.options).toMatchObject({ subnetId, autoScale });
    expect(detail.notCopied).toEqual([]);
  });

  it('Trusted Launch on a Generation 1 image is refused with what Batch said and the property it named', async () => {
    const failure = await failureOf(() => services.pools.create(account, jammyPool({ id: 'gen1', options: { security: { type: 'trustedLaunch' } } as PoolSpecInput['options'] })));
    expect(failure.code).toBe('BATCH_ERROR');
    expect(failure.details?.statusCode).toBe(400);
    const values = failure.details?.values as { key: string; value: string }[];
    expect(values).toContainEqual({ key: 'PropertyName', value: 'securityType' });
    expect(values.find((v) => v.key === 'Reason')?.value).toMatch(/Generation 2/);
  });

  it('delete needs no more than the id and leaves the pool deleting, then gone', async () => {
    await services.pools.delete(account, 'pool-a');
    await eventually(async () => ((await services.pools.list(account)).pools.some((p) => p.id === 'pool-a') ? undefined : true));
    const missing = await failureOf(() => services.pools.get(account, 'pool-a'));
    expect(missing.details?.serviceCode).toBe('PoolNotFound');
  });
});
