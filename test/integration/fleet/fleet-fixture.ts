import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetResult } from '../../../contract/features/fleet';
import { createBatchServices } from '../../../main/batch/batch-feature';
import { EventBus } from '../../../main/events';
import { createFleet, type FleetFeature } from '../../../main/fleet/create-fleet';
import { SshConnectionPool } from '../../../main/ssh/connection-pool';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import { emulatorSource } from '../../helpers/emulator-source';
import type { ProvisionFixture } from '../provision/provision-fixture';

/** Fleet commands built as app.ts builds them, over a provisioning fixture; each has its own trust store and history. */
export interface FleetRig {
  fleet: FleetFeature;
  connections: SshConnectionPool;
  /** Runs a command and waits for its grouped result. */
  runAndWait(request: Omit<Parameters<FleetFeature['service']['run']>[0], 'accountId'>): Promise<FleetResult>;
  dispose(): Promise<void>;
}

/** Builds the fleet feature against the fixture's emulator with a fresh data folder (fresh trust store: every host key new). */
export function fleetRig(fx: ProvisionFixture, options: { capBytes?: number } = {}): FleetRig {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-fleet-'));
  const clients = emulatorSource(fx.emulator, fx.accountId);
  const batch = createBatchServices(clients, new EventBus());
  const trust = new HostKeyTrust(dataDir, new KnownHostsFile(join(dataDir, 'no-known-hosts')));
  const prompts = new HostKeyPrompts();
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const connections = new SshConnectionPool({ resolver: fx.provisioning.resolver, trust, prompts, log });
  const fleet = createFleet({
    dataDir, clients, nodes: batch.nodes, users: fx.provisioning.registry, operations: fx.operations, connections, prompts, log,
    ...(options.capBytes ? { capBytes: options.capBytes } : {}),
  });
  return {
    fleet,
    connections,
    async runAndWait(request) {
      const { operationId } = await fleet.service.run({ accountId: fx.accountId, ...request });
      await fx.whenDone(operationId);
      return fleet.service.result(operationId);
    },
    dispose: () => connections.dispose(),
  };
}

/** Provisions a managed-key user on every node of a pool and waits until it is there. */
export async function provisionAll(fx: ProvisionFixture, poolId: string, userName: string): Promise<void> {
  const { operationId } = await fx.provisioning.service.apply({
    accountId: fx.accountId, poolId, nodes: 'all', userName, auth: { kind: 'managedKey' }, isAdmin: false, rotatePassword: false,
  });
  const summary = await fx.whenDone(operationId);
  if (summary.counts.succeeded !== summary.total) throw new Error(`provisioning ${userName} on ${poolId}: ${JSON.stringify(summary.counts)}`);
}

/** Writes a file into a node's folder (the working directory of its SSH sessions), as a start task would. */
export function writeOnNode(fx: ProvisionFixture, poolId: string, nodeId: string, name: string, text = ''): void {
  writeFileSync(join(fx.emulator.dataDir, 'nodes', poolId, nodeId, name), text);
}

/** Sets a node's state through the emulator's signed admin route (unusable stops its SSH server). */
export async function strandNode(fx: ProvisionFixture, poolId: string, nodeId: string, state: 'unusable' | 'preempted'): Promise<void> {
  const response = await fx.client.sendRequest({ method: 'POST', url: `${fx.emulator.endpoint}/_emulator/pools/${poolId}/nodes/${nodeId}/state`, body: { state } });
  if (response.status !== 200) throw new Error(`stranding ${nodeId}: ${response.status} ${response.bodyAsText}`);
}
