import { join } from 'node:path';
import type { BatchServiceClient } from '@azure/batch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchHandlers, createBatchServices } from '../../../main/batch/batch-feature';
import { EventBus } from '../../../main/events';
import { ConsoleFileLogger, SecretRedactor } from '../../../main/log';
import { OperationRegistry } from '../../../main/operations/operation-registry';
import { createProvisioning } from '../../../main/provision/create-provisioning';
import { ContractRouter, type InvokeHandlers } from '../../../main/router';
import { createTerminals, type TerminalFeature } from '../../../main/terminal/create-terminals';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { startAccounts, type AccountsFixture } from '../accounts/accounts-fixture';
import { emulatorSource, eventually, jammyPool, recordingEvents } from './emulator-source';

/**
 * Two shared-key accounts (two emulators) that both have a pool called `render`, driven through the validating
 * router as the renderer drives it: every request runs against the account it names, never the active one.
 */
let x: EmulatorProcess;
let y: EmulatorProcess;
let app: AccountsFixture;
let router: ContractRouter;
let terminals: TerminalFeature;
const terminalEvents: { event: string; payload: any }[] = [];
let xId: string;
let yId: string;
let xClient: BatchServiceClient;
let yClient: BatchServiceClient;

const call = async (channel: string, payload: unknown) =>
  (await router.dispatch(channel, payload, { trusted: true, origin: 'test', connectionId: 'test' })) as {
    ok: boolean;
    value?: any;
    error?: { code: string; message: string };
  };

const poolState = async (client: BatchServiceClient, poolId: string) => {
  try {
    const pool = await client.pool.get(poolId);
    return { state: String(pool.state), dedicated: pool.targetDedicatedNodes };
  } catch {
    return undefined;
  }
};

beforeAll(async () => {
  [x, y] = await Promise.all([
    startEmulatorProcess({ env: { BATCH_EMULATOR_ACCOUNT: 'teamx' } }),
    startEmulatorProcess({ env: { BATCH_EMULATOR_ACCOUNT: 'teamy' } }),
  ]);
  app = startAccounts({ env: { BATCH_DECK_SANDBOX: 'off' } });
  const batch = createBatchServices(app.feature.source, recordingEvents());
  const redactor = new SecretRedactor();
  const log = new ConsoleFileLogger(redactor, join(app.dataDir, 'logs', 'routing.log'), false);
  const events = new EventBus();
  events.connect('test', (event, payload) => terminalEvents.push({ event, payload }));
  const operations = new OperationRegistry({ events, log });
  const provisioning = createProvisioning({ dataDir: app.dataDir, secretStore: app.secrets, redactor, operations, log, clients: app.feature.source });
  terminals = createTerminals({ dataDir: app.dataDir, log, events, resolver: provisioning.resolver, knownHostsPath: join(app.dataDir, 'known_hosts') });
  const handlers = { ...app.feature.handlers, ...batchHandlers(batch), ...provisioning.handlers, ...terminals.handlers };
  router = new ContractRouter(handlers as unknown as InvokeHandlers, log);
  xId = (await call('accounts:addSharedKey', { name: 'teamx', url: x.endpoint, key: x.accountKey })).value.id;
  yId = (await call('accounts:addSharedKey', { name: 'teamy', url: y.endpoint, key: y.accountKey })).value.id;
  xClient = emulatorSource(x).client;
  yClient = emulatorSource(y).client;
  for (const client of [xClient, yClient]) {
    await client.pool.add({ ...toAddBody('render'), targetDedicatedNodes: 1 });
    await eventually(async () => (String((await client.pool.get('render')).allocationState) === 'steady' ? true : undefined));
  }
});

afterAll(async () => {
  await terminals?.dispose();
  await app?.close();
  await Promise.all([x?.stop(), y?.stop()]);
});

/** The SDK body of a small Ubuntu pool (created directly in an emulator, not through the app). */
function toAddBody(id: string) {
  const spec = jammyPool({ id });
  return {
    id,
    vmSize: spec.vmSize,
    virtualMachineConfiguration: { imageReference: spec.image, nodeAgentSKUId: spec.nodeAgentSkuId },
  };
}

describe('requests that name their account', () => {
  it('pools and images come from the account each request names, whichever account is active', async () => {
    expect((await call('accounts:setActive', { id: yId })).ok).toBe(true);
    const fromX = await call('pools:list', { accountId: xId });
    expect(fromX.value.account).toMatchObject({ id: xId, name: 'teamx', endpoint: x.endpoint });
    const detail = await call('pools:get', { accountId: xId, poolId: 'render' });
    expect(detail.value.account.id).toBe(xId);
    // Same pool id in both accounts: each account's nodes, listed and cached apart.
    for (const [id, client] of [[xId, xClient], [yId, yClient]] as const) {
      const nodes = await eventually(async () => {
        const result = await call('nodes:list', { accountId: id, poolId: 'render', force: true });
        return result.value?.rows?.length === 1 ? result.value.rows : undefined;
      });
      const inEmulator = (await client.computeNode.list('render')).map((node) => node.id);
      expect(nodes.map((r: string[]) => r[0])).toEqual(inEmulator);
    }
    const images = await call('images:list', { accountId: xId });
    expect(images.value.account.id).toBe(xId);
    expect((await call('images:list', { accountId: yId })).value.account.id).toBe(yId);
  });

  it("with Y active, resizing and deleting X's pool render changes X's pool and leaves Y's render untouched", async () => {
    expect((await call('accounts:setActive', { id: yId })).ok).toBe(true);
    const resized = await call('pools:resize', { accountId: xId, poolId: 'render', targetDedicatedNodes: 2, targetSpotNodes: 0 });
    expect(resized.ok, JSON.stringify(resized.error)).toBe(true);
    expect((await poolState(xClient, 'render'))?.dedicated).toBe(2);
    expect((await poolState(yClient, 'render'))?.dedicated).toBe(1);

    const deleted = await call('pools:delete', { accountId: xId, poolId: 'render', confirmId: 'render' });
    expect(deleted.ok, JSON.stringify(deleted.error)).toBe(true);
    await eventually(async () => {
      const state = await poolState(xClient, 'render');
      return state === undefined || state.state === 'deleting' ? true : undefined;
    });
    expect(await poolState(yClient, 'render')).toEqual({ state: 'active', dedicated: 1 });
  });

  it('a request without an account is refused before anything runs', async () => {
    const refused = await call('pools:delete', { poolId: 'render', confirmId: 'render' });
    expect(refused.error?.code).toBe('INVALID_PAYLOAD');
    expect(await poolState(yClient, 'render')).toEqual({ state: 'active', dedicated: 1 });
  });

  it('a request naming a removed account (pools, nodes, images, keys, terminals) is refused with NOT_FOUND and changes nothing', async () => {
    expect((await call('accounts:setActive', { id: xId })).ok).toBe(true);
    expect((await call('accounts:remove', { id: yId })).ok).toBe(true);
    const requests: [string, unknown][] = [
      ['pools:delete', { accountId: yId, poolId: 'render', confirmId: 'render' }],
      ['pools:resize', { accountId: yId, poolId: 'render', targetDedicatedNodes: 5, targetSpotNodes: 0 }],
      ['pools:stop-resize', { accountId: yId, poolId: 'render' }],
      ['pools:create', { accountId: yId, spec: jammyPool({ id: 'stray' }) }],
      ['pools:list', { accountId: yId }],
      ['nodes:list', { accountId: yId, poolId: 'render' }],
      ['images:list', { accountId: yId }],
    ];
    for (const [channel, payload] of requests) {
      const result = await call(channel, payload);
      expect(result.error, channel).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(yId) });
    }
    expect(await poolState(yClient, 'render')).toEqual({ state: 'active', dedicated: 1 });
    expect(await poolState(yClient, 'stray')).toBeUndefined();
    expect((await call('keys:managed-public', { accountId: yId })).error?.code).toBe('NOT_FOUND');
    // Nor did any of them land on the account that is active now.
    expect(await poolState(xClient, 'stray')).toBeUndefined();

    // A terminal for the removed account says the account is gone instead of logging in through the active one.
    const opened = await call('term:open-node', { accountId: yId, poolId: 'render', nodeId: 'tvmps_any_d', user: 'ops' });
    const sessionId = opened.value.sessionId as string;
    expect(opened.value.node).toMatchObject({ accountId: yId, poolId: 'render' });
    const status = await eventually(async () =>
      terminalEvents.find((e) => e.event === 'term:status' && e.payload.sessionId === sessionId && e.payload.status.state === 'disconnected'),
    );
    expect(status.payload.status).toMatchObject({ code: 'NOT_FOUND', reason: expect.stringContaining(yId) });
  });
});
