import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { rawRequest, type RawResponse } from './raw-request';
import { eventually } from './sdk-client';
import { EXAMPLES_2025_DIR, modernisePool, officialExample, poolAddBodyFrom, shapeDifferences, type OfficialExample } from './example-shapes';

const API = 'api-version=2025-06-01';
const SSH_START = 38000 + Math.floor(Math.random() * 100) * 100;
/**
 * The file Nodes_GetNodeFile and the task file examples read (task1's output file in job jobId), written with task1's
 * stdout.txt by the pool's start task on every node: the emulator stores tasks but does not run them yet (issue 12).
 */
const TASK_FILE = 'workitems/jobId/job-1/task1/wd/testFile.txt';
const JAMMY_VM = { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' };
const TASK_DIR = '$AZ_BATCH_NODE_ROOT_DIR/workitems/jobId/job-1/task1';
const START_TASK = `/bin/bash -c 'mkdir -p "${TASK_DIR}/wd" && printf "This is a file." > "$AZ_BATCH_NODE_ROOT_DIR/${TASK_FILE}" && printf "task1" > "${TASK_DIR}/stdout.txt"'`;

let emulator: EmulatorProcess;
/** Nodes of pool `poolId`: 0 answers reads, users, files and scheduling; 1 reboots; 2 deallocates and starts; 3 is removed. */
let nodes: string[];

function send(method: string, path: string, body?: unknown): Promise<RawResponse> {
  return rawRequest(emulator, method, `${path}${path.includes('?') ? '&' : '?'}${API}`, body === undefined ? {} : { body });
}

/** The request body of an example: its one object-valued parameter. */
function bodyOf(example: OfficialExample): Record<string, unknown> | undefined {
  return Object.values(example.parameters).find((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

/** Checks status, the headers the example lists, and that every field the example's body shows comes back with its type. */
function expectLike(name: string, response: RawResponse): void {
  const example = officialExample(name);
  const [status, expected] = Object.entries(example.responses)[0] as [string, { body?: unknown }];
  expect(response.status, `${name}: ${response.text}`).toBe(Number(status));
  for (const headerName of Object.keys(expected).filter((k) => k !== 'body')) expect(response.headers.get(headerName), `${name} header ${headerName}`).not.toBeNull();
  if (typeof expected.body === 'string') expect(response.text.length).toBeGreaterThan(0);
  else if (expected.body !== undefined) expect(shapeDifferences(expected.body, response.json), name).toEqual([]);
}

async function nodeIdsWhen(poolId: string, count: number, state = 'idle'): Promise<string[]> {
  return eventually(async () => {
    const list = ((await send('GET', `/pools/${poolId}/nodes`)).json?.value ?? []) as { id: string; state: string }[];
    return list.length === count && list.every((n) => n.state === state) ? list.map((n) => n.id) : undefined;
  });
}

async function steady(poolId: string): Promise<void> {
  await eventually(async () => ((await send('GET', `/pools/${poolId}`)).json?.allocationState === 'steady' ? true : undefined));
}

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  const nat = { name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: SSH_START, frontendPortRangeEnd: SSH_START + 99 };
  const pool = { id: 'poolId', vmSize: 'standard_d2_v5', virtualMachineConfiguration: JAMMY_VM, targetDedicatedNodes: 4, startTask: { commandLine: START_TASK, waitForSuccess: true }, networkConfiguration: { endpointConfiguration: { inboundNATPools: [nat] } } };
  expect((await send('POST', '/pools', pool)).status).toBe(201);
  const dual = modernisePool(bodyOf(officialExample('Pools_CreatePool_DualStackNetworking')) ?? {});
  const dualNat = { ...nat, frontendPortRangeStart: SSH_START + 100, frontendPortRangeEnd: SSH_START + 199 };
  expect((await send('POST', '/pools', { ...dual, networkConfiguration: { ...(dual.networkConfiguration as object), endpointConfiguration: { inboundNATPools: [dualNat] } } })).status).toBe(201);
  nodes = await nodeIdsWhen('poolId', 4);
  await nodeIdsWhen('dualstackpool', 1);
  // Job jobId with task1 is the one the examples' task and file paths name.
  expect((await send('POST', '/jobs', { id: 'jobId', poolInfo: { poolId: 'poolId' } })).status).toBe(201);
  expect((await send('POST', '/jobs/jobId/tasks', { id: 'task1', commandLine: 'printf task1' })).status).toBe(201);
});
afterAll(async () => emulator?.stop());

describe("Microsoft's official 2025-06-01 examples", () => {
  const checks: Record<string, () => Promise<RawResponse>> = {};
  const poolExamples = ['Pools_CreatePool_AcceleratedNetworking', 'Pools_CreatePool_DualStackNetworking', 'Pools_CreatePool_MountConfiguration', 'Pools_CreatePool_OSDisk', 'Pools_CreatePool_SecurityProfile'];
  for (const name of poolExamples) {
    checks[name] = () => send('POST', '/pools', { ...modernisePool(bodyOf(officialExample(name)) ?? {}), id: name.toLowerCase().replace(/_/g, '-') });
  }
  checks.Pools_CreatePool_VirtualMachineConfigurationWithExtensions = async () => {
    // This example still sends targetNodeCommunicationMode, which BatchService.json 2025-06-01 no longer defines.
    const { targetNodeCommunicationMode, ...pool } = modernisePool(bodyOf(officialExample('Pools_CreatePool_VirtualMachineConfigurationWithExtensions')) ?? {});
    const refused = await send('POST', '/pools', { ...pool, targetNodeCommunicationMode, id: 'extensions' });
    expect(refused.status).toBe(400);
    expect(refused.json?.values).toContainEqual({ key: 'PropertyName', value: 'targetNodeCommunicationMode' });
    return send('POST', '/pools', { ...pool, id: 'extensions' });
  };
  for (const name of ['Pools_GetPool_Basic', 'Pools_GetPool_SecurityProfile']) {
    checks[name] = async () => {
      const shown = officialExample(name).responses['200']?.body as Record<string, unknown>;
      expect((await send('POST', '/pools', poolAddBodyFrom(shown))).status).toBe(201);
      await steady(String(shown.id));
      return send('GET', `/pools/${String(shown.id)}`);
    };
  }
  checks.Applications_ListApplications = async () => {
    // The account's packages come from ARM; the emulator's are registered through its admin endpoint.
    const packages = [{ id: 'blender', displayName: 'Blender', versions: ['4.2', '4.3'] }, { id: 'ffmpeg', versions: ['7.1'] }];
    expect((await rawRequest(emulator, 'PUT', '/_emulator/applications', { body: packages })).status).toBe(204);
    return send('GET', '/applications');
  };
  const job = (id: string) => send('POST', '/jobs', { ...bodyOf(officialExample('Jobs_CreateJob_Basic')), id });
  checks.Jobs_CreateJob_Basic = () => job('createdJob');
  checks.Tasks_CreateTask_Basic = async () => {
    expect((await job('taskAdd')).status).toBe(201);
    return send('POST', '/jobs/taskAdd/tasks', bodyOf(officialExample('Tasks_CreateTask_Basic')));
  };
  checks.Tasks_CreateTaskCollection_Complex = async () => {
    expect((await job('collection')).status).toBe(201);
    return send('POST', '/jobs/collection/addtaskcollection', bodyOf(officialExample('Tasks_CreateTaskCollection_Complex')));
  };
  checks.Tasks_ListTasks = () => send('GET', '/jobs/jobId/tasks');
  checks.Tasks_DeleteTask = async () => {
    expect((await send('POST', '/jobs/jobId/tasks', { id: 'taskId', commandLine: 'true' })).status).toBe(201);
    return send('DELETE', '/jobs/jobId/tasks/taskId');
  };
  // The examples name task `taskId` for two of the file reads; the file lives in task1's folder, so they read task1.
  const taskFilePath = (name: string) => encodeURIComponent(String(officialExample(name).parameters.filePath));
  checks.Tasks_ListTaskFiles = () => send('GET', '/jobs/jobId/tasks/task1/files?recursive=false');
  checks.Tasks_GetTaskFile = () => send('GET', `/jobs/jobId/tasks/task1/files/${taskFilePath('Tasks_GetTaskFile')}`);
  checks.Tasks_GetTaskFileProperties = () => send('HEAD', `/jobs/jobId/tasks/task1/files/${taskFilePath('Tasks_GetTaskFileProperties')}`);
  checks.Jobs_GetJob = async () => {
    expect((await job('terminated')).status).toBe(201);
    expect((await send('POST', '/jobs/terminated/terminate')).status).toBe(202);
    await eventually(async () => ((await send('GET', '/jobs/terminated')).json?.state === 'completed' ? true : undefined));
    return send('GET', '/jobs/terminated');
  };
  checks.Jobs_UpdateJob = async () => {
    expect((await job('updated')).status).toBe(201);
    return send('PUT', '/jobs/updated', bodyOf(officialExample('Jobs_UpdateJob')));
  };
  checks.Jobs_TerminateJob = async () => {
    expect((await job('terminating')).status).toBe(201);
    return send('POST', '/jobs/terminating/terminate', bodyOf(officialExample('Jobs_TerminateJob')));
  };
  checks.Jobs_DeleteJob = async () => {
    expect((await job('deleted')).status).toBe(201);
    return send('DELETE', '/jobs/deleted');
  };
  checks.Pools_ListPools_Basic = () => send('GET', '/pools');
  checks.Pools_ListPoolNodeCounts = () => send('GET', '/nodecounts');
  checks.Pools_ListSupportedImages = () => send('GET', '/supportedimages');
  checks.Pools_ResizePool = async () => {
    expect((await send('POST', '/pools', { id: 'resizePool', vmSize: 'standard_d2_v5', virtualMachineConfiguration: JAMMY_VM })).status).toBe(201);
    await steady('resizePool');
    return send('POST', '/pools/resizePool/resize', bodyOf(officialExample('Pools_ResizePool')));
  };
  checks.Pools_StopPoolResize = async () => {
    const pool = { id: 'stopPool', vmSize: 'standard_d2_v5', virtualMachineConfiguration: JAMMY_VM, targetDedicatedNodes: 2 };
    expect((await send('POST', '/pools', pool)).status).toBe(201);
    return send('POST', '/pools/stopPool/stopresize');
  };
  checks.Pools_EnablePoolAutoscale = () => send('POST', '/pools/dualstackpool/enableautoscale', bodyOf(officialExample('Pools_EnablePoolAutoscale')));
  checks.Pools_ReplacePoolProperties = () => send('POST', '/pools/poolId/updateproperties', bodyOf(officialExample('Pools_ReplacePoolProperties')));
  checks.Pools_RemoveNodes = () => send('POST', '/pools/poolId/removenodes', { nodeList: [nodes[3]] });
  checks.Nodes_ListNodes = () => send('GET', '/pools/poolId/nodes');
  checks.Nodes_GetNode = () => send('GET', `/pools/poolId/nodes/${nodes[0]}`);
  checks.Nodes_Get_DualStackNetworking = async () => send('GET', `/pools/dualstackpool/nodes/${(await nodeIdsWhen('dualstackpool', 1))[0]}`);
  checks.Nodes_GetNodeRemoteLoginSettings = () => send('GET', `/pools/poolId/nodes/${nodes[0]}/remoteloginsettings`);
  checks.Nodes_GetNodeRemoteLoginSettings_DualStackNetworking = async () => send('GET', `/pools/dualstackpool/nodes/${(await nodeIdsWhen('dualstackpool', 1))[0]}/remoteloginsettings`);
  checks.Nodes_GetNodeFile = () => send('GET', `/pools/poolId/nodes/${nodes[0]}/files/${encodeURIComponent(String(officialExample('Nodes_GetNodeFile').parameters.filePath))}`);
  checks.Nodes_DisableNodeScheduling = () => send('POST', `/pools/poolId/nodes/${nodes[0]}/disablescheduling`, bodyOf(officialExample('Nodes_DisableNodeScheduling')));
  checks.Nodes_RebootNode = () => send('POST', `/pools/poolId/nodes/${nodes[1]}/reboot`, bodyOf(officialExample('Nodes_RebootNode')));
  checks.Nodes_ReplaceNodeUser = async () => {
    expect((await send('POST', `/pools/poolId/nodes/${nodes[0]}/users`, { name: 'replaced', password: 'First-1!' })).status).toBe(201);
    // The example's expiry (2016) is in the past; the service takes only future expiry times.
    const update = { ...bodyOf(officialExample('Nodes_ReplaceNodeUser')), expiryTime: new Date(Date.now() + 86_400_000).toISOString() };
    return send('PUT', `/pools/poolId/nodes/${nodes[0]}/users/replaced`, update);
  };
  checks.Nodes_DeleteNodeUser = async () => {
    expect((await send('POST', `/pools/poolId/nodes/${nodes[0]}/users`, { name: 'userName', password: 'First-1!' })).status).toBe(201);
    return send('DELETE', `/pools/poolId/nodes/${nodes[0]}/users/userName`);
  };
  checks.Node_DeallocateNode = () => send('POST', `/pools/poolId/nodes/${nodes[2]}/deallocate`, bodyOf(officialExample('Node_DeallocateNode')));
  checks.Node_StartNode = async () => {
    const state = async () => String((await send('GET', `/pools/poolId/nodes/${nodes[2]}`)).json?.state);
    if ((await state()) === 'idle') await send('POST', `/pools/poolId/nodes/${nodes[2]}/deallocate`);
    await eventually(async () => ((await state()) === 'deallocated' ? true : undefined));
    return send('POST', `/pools/poolId/nodes/${nodes[2]}/start`);
  };

  it('has all 41 example files, each checked below', () => {
    const files = readdirSync(EXAMPLES_2025_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
    expect(files).toHaveLength(41);
    expect(files.filter((f) => !(f in checks))).toEqual([]);
    expect(Object.keys(checks)).toHaveLength(41);
  });

  for (const [name, run] of Object.entries(checks)) {
    it(`answers ${name} with the example's status and response shape`, async () => expectLike(name, await run()));
  }
});
