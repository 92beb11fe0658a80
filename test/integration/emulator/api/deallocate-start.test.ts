import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { connectClient, execOnClient } from '../node-runtime/runtime-fixture';
import { rawRequest } from './raw-request';
import { eventually, JAMMY, sdkClient, sshNatPool } from './sdk-client';

const V2025 = 'api-version=2025-06-01';
const SSH_START = 36000 + Math.floor(Math.random() * 100) * 100;
const PASSWORD = 'Deallocate-Test-1!';

let emulator: EmulatorProcess;
let nodeId: string;

async function nodeState(): Promise<string> {
  return String((await rawRequest(emulator, 'GET', `/pools/power/nodes/${nodeId}?${V2025}`)).json?.state);
}

async function sshPort(): Promise<number> {
  const login = await rawRequest(emulator, 'GET', `/pools/power/nodes/${nodeId}/remoteloginsettings?${V2025}`);
  return login.json?.remoteLoginPort as number;
}

/** Brings the node back to idle whatever an earlier test left it in (deallocating or deallocated included). */
async function idleAgain(): Promise<void> {
  const state = await eventually(async () => {
    const now = await nodeState();
    return now === 'idle' || now === 'deallocated' ? now : undefined;
  });
  if (state === 'deallocated') await rawRequest(emulator, 'POST', `/pools/power/nodes/${nodeId}/start?${V2025}`);
  await eventually(async () => ((await nodeState()) === 'idle' ? true : undefined));
}

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  const body = { id: 'power', vmSize: 'standard_d2s_v5', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 1, networkConfiguration: sshNatPool(SSH_START) };
  expect((await rawRequest(emulator, 'POST', `/pools?${V2025}`, { body })).status).toBe(201);
  nodeId = await eventually(async () => {
    const nodes = (await rawRequest(emulator, 'GET', `/pools/power/nodes?${V2025}`)).json?.value as { id: string; state: string }[];
    return nodes[0]?.state === 'idle' ? nodes[0].id : undefined;
  });
  const user = { name: 'operator', password: PASSWORD, isAdmin: true };
  expect((await rawRequest(emulator, 'POST', `/pools/power/nodes/${nodeId}/users?${V2025}`, { body: user })).status).toBe(201);
});
afterAll(async () => emulator?.stop());

describe('node deallocate and start (2025-06-01)', () => {
  it('deallocates a node: its SSH refuses connections, then it starts again with its files and users', async () => {
    await idleAgain();
    const port = await sshPort();
    const before = await connectClient(port, { username: 'operator', password: PASSWORD });
    expect((await execOnClient(before, 'echo kept > "$AZ_BATCH_NODE_SHARED_DIR/kept.txt"')).code).toBe(0);
    before.end();

    const deallocate = await rawRequest(emulator, 'POST', `/pools/power/nodes/${nodeId}/deallocate?${V2025}`, { body: { nodeDeallocateOption: 'terminate' } });
    expect(deallocate.status).toBe(202);
    expect(await nodeState()).toBe('deallocating');
    await eventually(async () => ((await nodeState()) === 'deallocated' ? true : undefined));
    await expect(connectClient(port, { username: 'operator', password: PASSWORD, readyTimeout: 5000 })).rejects.toThrow(/ECONNREFUSED/);
    const login = await rawRequest(emulator, 'GET', `/pools/power/nodes/${nodeId}/remoteloginsettings?${V2025}`);
    expect(login.status).toBe(409);
    const counts = (await rawRequest(emulator, 'GET', `/nodecounts?${V2025}`)).json?.value as { dedicated: Record<string, number> }[];
    expect(counts[0]?.dedicated.deallocated).toBe(1);
    // @azure/batch 10.2.0 (2022-10-01) still reads the node, with the state it does not know as plain text.
    expect((await sdkClient(emulator).computeNode.get('power', nodeId)).state).toBe('deallocated');

    expect((await rawRequest(emulator, 'POST', `/pools/power/nodes/${nodeId}/start?${V2025}`)).status).toBe(202);
    await eventually(async () => ((await nodeState()) === 'idle' ? true : undefined));
    const after = await connectClient(await sshPort(), { username: 'operator', password: PASSWORD });
    expect((await execOnClient(after, 'cat "$AZ_BATCH_NODE_SHARED_DIR/kept.txt"')).stdout).toBe('kept\n');
    after.end();
  });

  it('refuses to start a node that is not deallocated, and to deallocate one twice', async () => {
    await idleAgain();
    const start = await rawRequest(emulator, 'POST', `/pools/power/nodes/${nodeId}/start?${V2025}`);
    expect(start.status).toBe(409);
    expect(start.json?.code).toBe('OperationInvalidForCurrentState');
    expect((await rawRequest(emulator, 'POST', `/pools/power/nodes/${nodeId}/deallocate?${V2025}`)).status).toBe(202);
    expect((await rawRequest(emulator, 'POST', `/pools/power/nodes/${nodeId}/deallocate?${V2025}`)).status).toBe(409);
    const badOption = await rawRequest(emulator, 'POST', `/pools/power/nodes/${nodeId}/deallocate?${V2025}`, { body: { nodeDeallocateOption: 'later' } });
    expect(badOption.status).toBe(400);
  });

  it('runs an OS upgrade on demand: upgradingos with SSH down, then idle again with its users', async () => {
    await idleAgain();
    const set = await rawRequest(emulator, 'POST', `/_emulator/pools/power/nodes/${nodeId}/state`, { body: { state: 'upgradingos' } });
    expect(set.json).toMatchObject({ state: 'upgradingos' });
    const counts = (await rawRequest(emulator, 'GET', `/nodecounts?${V2025}`)).json?.value as { dedicated: Record<string, number> }[];
    expect(counts[0]?.dedicated.upgradingOS).toBe(1);
    expect((await rawRequest(emulator, 'GET', `/pools/power/nodes/${nodeId}/remoteloginsettings?${V2025}`)).status).toBe(409);
    await eventually(async () => ((await nodeState()) === 'idle' ? true : undefined));
    const client = await connectClient(await sshPort(), { username: 'operator', password: PASSWORD });
    expect((await execOnClient(client, 'echo up')).stdout).toBe('up\n');
    client.end();
  });
});
