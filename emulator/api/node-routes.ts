import type { Router } from './router';
import type { RequestContext } from './request-context';
import { optionalJsonBody } from './request-context';
import { metadataUrl, sendEmpty, sendJson } from './respond';
import { fail } from './batch-error';
import { pageOf, sendPage } from './paging';
import { selectedNames } from './select';
import { nodeOr404, poolOr404, type Emulator } from './emulator-context';
import { PUBLIC_IP, PUBLIC_IPV6 } from './wire';
import { nodeWire, type NodeTasks } from './node-wire';
import { oneOf } from './validate';
import { frontendPortFor, hasNoPublicIp, isDualStack, sshNatPoolOf } from '../state/pool-spec';
import type { StoredNode } from '../state/model';

/** Throws the service's conflict for a node that cannot take an operation in its current state. */
export function assertNodeReady(node: StoredNode): void {
  switch (node.state) {
    case 'creating':
      throw fail.nodeBusy('NodeBeingCreated');
    case 'starting':
      throw fail.nodeBusy('NodeBeingStarted');
    case 'rebooting':
      throw fail.nodeBusy('NodeBeingRebooted');
    case 'reimaging':
      throw fail.nodeBusy('NodeBeingReimaged');
    case 'unusable':
      throw fail.nodeStateUnusable();
    case 'leavingpool':
    case 'offline':
    case 'preempted':
    case 'unknown':
    case 'upgradingos':
    case 'deallocating':
      throw fail.invalidForState(`The node is ${node.state}.`);
    case 'deallocated':
      throw fail.invalidForState('The node is deallocated; start it first.');
    default:
  }
}

/** The node's running tasks as TaskInformation (recentTasks), and the slots they hold. */
function tasksOn(em: Emulator, ctx: RequestContext, node: StoredNode): NodeTasks {
  const { tasks, slots } = em.tasks.usageOf(node);
  const running = tasks.map((task) => ({
    taskUrl: `${ctx.endpoint}/jobs/${task.jobId}/tasks/${task.id}`, jobId: task.jobId, taskId: task.id, taskState: task.state,
    executionInfo: { ...task.executionInfo },
  }));
  return { running, slots };
}

function nodeUrl(ctx: RequestContext, poolId: string, nodeId: string): string {
  return `${ctx.endpoint}/pools/${poolId}/nodes/${nodeId}`;
}

function listNodes(em: Emulator, ctx: RequestContext): void {
  const pool = poolOr404(em, ctx.params.poolId as string);
  const toWire = (n: StoredNode, select?: ReadonlySet<string>) => nodeWire(n, pool, ctx.endpoint, () => tasksOn(em, ctx, n), select);
  const page = pageOf(ctx, em.store.nodesOf(pool.id), (n) => n.id, toWire, { max: 1000 });
  sendPage(ctx, 'nodes', page);
}

function getNode(em: Emulator, ctx: RequestContext): void {
  const { pool, node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  const body = { 'odata.metadata': metadataUrl(ctx, 'nodes/@Element'), ...nodeWire(node, pool, ctx.endpoint, () => tasksOn(em, ctx, node), selectedNames(ctx)) };
  sendJson(ctx, 200, body);
}

function nodeOperation(em: Emulator, ctx: RequestContext, operation: 'reboot' | 'reimage' | 'disable' | 'enable'): void {
  const { pool, node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  if (pool.state === 'deleting') throw fail.poolBeingDeleted();
  const body = optionalJsonBody(ctx);
  const options = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'] as const;
  if (operation === 'reboot') oneOf(body, 'nodeRebootOption', options);
  if (operation === 'reimage') oneOf(body, 'nodeReimageOption', options);
  if (operation === 'disable') oneOf(body, 'nodeDisableSchedulingOption', ['requeue', 'terminate', 'taskcompletion'] as const);
  const url = nodeUrl(ctx, pool.id, node.id);
  if (operation === 'reboot' || operation === 'reimage') {
    if (node.state === 'unusable' || node.state === 'preempted' || node.state === 'starttaskfailed' || node.state === 'waitingforstarttask') {
      // These states can always be rebooted or reimaged: it is how operators recover a node.
    } else assertNodeReady(node);
    if (operation === 'reboot') em.nodes.reboot(node);
    else em.nodes.reimage(node);
    sendEmpty(ctx, 202, { DataServiceId: url, Location: url });
    return;
  }
  if (operation === 'disable' && node.state !== 'idle' && node.state !== 'running') assertNodeReady(node);
  node.schedulingState = operation === 'disable' ? 'disabled' : 'enabled';
  em.store.changed();
  if (operation === 'enable') em.tasks.kick();
  sendEmpty(ctx, 200, { DataServiceId: url });
}

/** Deallocate (idle, running or failed-start nodes) and start (deallocated nodes only), both answered 202. */
function powerOperation(em: Emulator, ctx: RequestContext, operation: 'deallocate' | 'start'): void {
  const { pool, node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  if (pool.state === 'deleting') throw fail.poolBeingDeleted();
  const url = nodeUrl(ctx, pool.id, node.id);
  if (operation === 'deallocate') {
    oneOf(optionalJsonBody(ctx), 'nodeDeallocateOption', ['requeue', 'terminate', 'taskcompletion', 'retaineddata'] as const);
    if (node.state !== 'starttaskfailed' && node.state !== 'waitingforstarttask') assertNodeReady(node);
    em.nodes.deallocate(node);
  } else {
    if (node.state !== 'deallocated') throw fail.invalidForState(`Only a deallocated node can be started; the node is ${node.state}.`);
    em.nodes.start(node);
  }
  sendEmpty(ctx, 202, { DataServiceId: url, Location: url });
}

async function remoteLoginSettings(em: Emulator, ctx: RequestContext): Promise<void> {
  const { pool, node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  if (hasNoPublicIp(pool)) {
    throw fail.invalidForState(
      'The pool was created with publicIPAddressConfiguration.provision NoPublicIPAddresses: its nodes have no public IP address and no remote login endpoint. Connect from inside the virtual network.',
    );
  }
  const nat = sshNatPoolOf(pool);
  if (!nat || frontendPortFor(nat, node.portSlot) === undefined) {
    throw fail.invalidForState(
      'The node has no inbound endpoint for remote login. Since 30 November 2025 pools get SSH only when their endpoint configuration has an inbound NAT pool with backendPort 22.',
    );
  }
  assertNodeReady(node);
  const port = await em.nodes.ensureSsh(node);
  const body: Record<string, unknown> = {
    'odata.metadata': metadataUrl(ctx, 'Microsoft.Azure.Batch.Protocol.Entities.ComputeNodeGetRemoteLoginSettingsResult'),
    remoteLoginIPAddress: PUBLIC_IP,
    remoteLoginPort: port,
  };
  // Dual-stack pools: the node's SSH server listens on ::1 with the same port.
  if (isDualStack(pool)) Object.assign(body, { ipv6RemoteLoginIPAddress: PUBLIC_IPV6, ipv6RemoteLoginPort: port });
  sendJson(ctx, 200, body);
}

/** Registers the compute node operations (users and files are in their own modules). */
export function addNodeRoutes(router: Router, em: Emulator): void {
  router
    .add('GET', 'pools/:poolId/nodes', (ctx) => listNodes(em, ctx))
    .add('GET', 'pools/:poolId/nodes/:nodeId', (ctx) => getNode(em, ctx))
    .add('POST', 'pools/:poolId/nodes/:nodeId/reboot', (ctx) => nodeOperation(em, ctx, 'reboot'))
    .add('POST', 'pools/:poolId/nodes/:nodeId/reimage', (ctx) => nodeOperation(em, ctx, 'reimage'))
    .add('POST', 'pools/:poolId/nodes/:nodeId/disablescheduling', (ctx) => nodeOperation(em, ctx, 'disable'))
    .add('POST', 'pools/:poolId/nodes/:nodeId/enablescheduling', (ctx) => nodeOperation(em, ctx, 'enable'))
    .add('POST', 'pools/:poolId/nodes/:nodeId/deallocate', (ctx) => powerOperation(em, ctx, 'deallocate'))
    .add('POST', 'pools/:poolId/nodes/:nodeId/start', (ctx) => powerOperation(em, ctx, 'start'))
    .add('GET', 'pools/:poolId/nodes/:nodeId/remoteloginsettings', (ctx) => remoteLoginSettings(em, ctx));
}
