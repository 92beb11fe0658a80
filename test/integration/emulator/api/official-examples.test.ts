import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchServiceClient } from '@azure/batch';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { eventually, JAMMY, sdkClient } from './sdk-client';
import { rawRequest } from './raw-request';

/** Microsoft's x-ms-examples for api-version 2022-10-01.16.0 (shared/batch-api). */
const EXAMPLES_DIR = fileURLToPath(new URL('../../../../../shared/batch-api/2022-10-01.16.0/examples', import.meta.url));
const API = 'api-version=2022-10-01.16.0';
const SSH_START = 31000 + Math.floor(Math.random() * 100) * 100;

interface Example {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown; [header: string]: unknown }>;
}

function example(name: string): Example {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8')) as Example;
}

/** Every key path of a JSON value (array items collapse to `[]`), to compare response shapes. */
function shape(value: unknown, prefix = ''): Set<string> {
  const keys = new Set<string>();
  if (Array.isArray(value)) for (const item of value) for (const k of shape(item, `${prefix}[]`)) keys.add(k);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      keys.add(`${prefix}.${key}`);
      for (const k of shape(v, `${prefix}.${key}`)) keys.add(k);
    }
  }
  return keys;
}

/** Retired images in the examples (Ubuntu 20.04 agent, a typo'd SKU) swapped for today's Ubuntu 22.04 pair. */
function modernise(pool: Record<string, unknown>): Record<string, unknown> {
  const vm = pool.virtualMachineConfiguration as Record<string, unknown> | undefined;
  return vm ? { ...pool, virtualMachineConfiguration: { ...vm, ...JAMMY } } : pool;
}

let emulator: EmulatorProcess;
let client: BatchServiceClient;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  client = sdkClient(emulator);
});
afterAll(async () => emulator?.stop());

describe("Microsoft's official examples", () => {
  it('has all 14 example files to check against', () => {
    expect(readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'))).toHaveLength(14);
  });

  for (const name of ['PoolAdd_VirtualMachineConfiguration', 'PoolAdd_VirtualMachineConfigurationWithExtensions', 'PoolAdd_VirtualMachineConfigurationWithContainers', 'PoolAdd_MountConfiguration']) {
    it(`accepts the ${name} request body with 201 and the example's headers`, async () => {
      const body = { ...modernise(example(name).parameters.pool as Record<string, unknown>), id: name.toLowerCase().replace(/_/g, '-') };
      const response = await rawRequest(emulator, 'POST', `/pools?${API}`, { body });
      expect(response.status).toBe(201);
      for (const header of Object.keys(example(name).responses['201'] ?? {})) expect(response.headers.get(header)).toBeTruthy();
    });
  }

  it('refuses the verbatim Ubuntu 20.04 body as today\'s service does: that node agent is retired', async () => {
    const body = example('PoolAdd_VirtualMachineConfiguration').parameters.pool;
    const response = await rawRequest(emulator, 'POST', `/pools?${API}`, { body });
    expect(response.status).toBe(400);
    expect(response.json?.values).toContainEqual({ key: 'PropertyName', value: 'nodeAgentSKUId' });
  });

  it('refuses the CloudServiceConfiguration example: that pool type was retired in 2024', async () => {
    const response = await rawRequest(emulator, 'POST', `/pools?${API}`, { body: example('PoolAdd_CloudServiceConfiguration').parameters.pool });
    expect(response.status).toBe(400);
    expect(response.json?.values).toContainEqual({ key: 'PropertyName', value: 'cloudServiceConfiguration' });
  });

  it('produces the PoolGet_Basic and PoolGet_VirtualMachineConfigurationWithExtensions response shapes', async () => {
    await client.pool.add({ id: 'pool', vmSize: 'standard_a1', virtualMachineConfiguration: { ...JAMMY, extensions: [{ name: 'batchextension1', type: 'SecurityMonitoringForLinux', publisher: 'Microsoft.Azure.Security.Monitoring', typeHandlerVersion: '1.0', autoUpgradeMinorVersion: true, settings: { settingsKey: 'settingsValue' }, protectedSettings: { k: 'secret' } }] }, startTask: { commandLine: "/bin/bash -c 'echo start task'", waitForSuccess: false } });
    await eventually(async () => ((await client.pool.get('pool')).allocationState === 'steady' ? true : undefined));
    const response = await rawRequest(emulator, 'GET', `/pools/pool?${API}`);
    const produced = shape(response.json);
    for (const name of ['PoolGet_Basic', 'PoolGet_VirtualMachineConfigurationWithExtensions']) {
      for (const key of shape(example(name).responses['200']?.body)) expect(produced, `${name} ${key}`).toContain(key);
    }
    expect(response.text).not.toContain('protectedSettings');
  });

  it('accepts the PoolResize body with 202 and the PoolDelete call with 202', async () => {
    await client.pool.add({ id: 'resizePool', vmSize: 'standard_a1', virtualMachineConfiguration: JAMMY });
    await eventually(async () => ((await client.pool.get('resizePool')).allocationState === 'steady' ? true : undefined));
    const resize = await rawRequest(emulator, 'POST', `/pools/resizePool/resize?${API}`, { body: example('PoolResize').parameters.poolResizeParameter });
    expect(resize.status).toBe(202);
    expect((await rawRequest(emulator, 'DELETE', `/pools/resizePool?${API}`)).status).toBe(202);
  });

  it('produces the NodeList, AccountListPoolNodeCounts and AccountListSupportedImages response shapes', async () => {
    await client.pool.add({ id: 'poolId', vmSize: 'standard_a1', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 1, startTask: { commandLine: 'echo hello', waitForSuccess: false } });
    await eventually(async () => ((await client.computeNode.list('poolId'))[0]?.startTaskInfo?.state === 'completed' ? true : undefined));
    const checks: [string, string][] = [['NodeList', `/pools/poolId/nodes?${API}`], ['AccountListPoolNodeCounts', `/nodecounts?${API}`], ['AccountListSupportedImages', `/supportedimages?${API}`]];
    for (const [name, path] of checks) {
      const produced = shape((await rawRequest(emulator, 'GET', path)).json);
      for (const key of shape(example(name).responses['200']?.body)) {
        expect(produced, `${name} ${key}`).toContain(key);
      }
    }
  });

  it('accepts the NodeAddUser body (with a future expiry) with 201 and produces the remote login settings shape', async () => {
    await client.pool.add({ id: 'sshPool', vmSize: 'standard_a1', virtualMachineConfiguration: JAMMY, targetDedicatedNodes: 1, networkConfiguration: { endpointConfiguration: { inboundNATPools: [{ name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: SSH_START, frontendPortRangeEnd: SSH_START + 99 }] } } });
    const nodeId = await eventually(async () => {
      const nodes = await client.computeNode.list('sshPool');
      return nodes[0]?.state === 'idle' ? (nodes[0].id as string) : undefined;
    });
    const user = { ...(example('NodeAddUser').parameters.user as Record<string, unknown>), expiryTime: new Date(Date.now() + 86_400_000).toISOString() };
    expect((await rawRequest(emulator, 'POST', `/pools/sshPool/nodes/${nodeId}/users?${API}`, { body: user })).status).toBe(201);
    const settings = await rawRequest(emulator, 'GET', `/pools/sshPool/nodes/${nodeId}/remoteloginsettings?${API}`);
    for (const key of shape(example('NodeGetRemoteLoginSettings').responses['200']?.body)) expect(shape(settings.json)).toContain(key);
  });
});
