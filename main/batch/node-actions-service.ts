import type { nodeActionsChannels } from '../../contract/features/node-actions';
import { setTimeout as delay } from 'node:timers/promises';
import type { NodeAction } from '../../contract/features/batch-models';
import { nodeColumn } from '../../contract/features/batch-models';
import { ContractFailure, assertNever } from '../../contract/result';
import type { BatchClientSource, BatchContextClients } from './batch-client-source';
import type { PartialHandlers } from '../router';
import { itemErrorOf, type OperationContext, type OperationRegistry } from '../operations/operation-registry';
import { runItems } from '../operations/run-items';
import { restCall } from './rest-call';
import type { NodesService } from './nodes-service';

/** Which nodes an action targets: explicit ids, or every node now in a state. */
export type NodeTarget = { nodeIds: string[] } | { state: string };

/** How bulk actions pace themselves. */
export interface NodeActionOptions {
  /** Requests in flight at once for per-node actions. */
  concurrency: number;
  /** How often removal checks whether the pool is steady again. */
  steadyPollMs: number;
  steadyTimeoutMs: number;
}

/** Defaults for the real service. */
export const defaultNodeActionOptions: NodeActionOptions = { concurrency: 8, steadyPollMs: 3000, steadyTimeoutMs: 30 * 60_000 };

/** Told which nodes took an action (provisioning marks users gone after a reimage, forgets removed nodes). */
export type NodeActionListener = (accountId: string, poolId: string, action: NodeAction, nodeIds: readonly string[]) => Promise<void>;

/** What the service is built from. */
export interface NodeActionsDeps {
  clients: BatchClientSource;
  nodes: NodesService;
  operations: OperationRegistry;
  accepted?: NodeActionListener;
  options?: NodeActionOptions;
}

/** `removeNodes` takes at most 100 node ids per request. */
const removeBatchSize = 100;

/**
 * Bulk node actions (reboot, reimage, deallocate, start, remove, disable/enable scheduling) on a selection or on every
 * node in a state,
 * as operations of the shared registry: the call answers at once with main's operation id, each node gets a result,
 * progress and cancel go through `operations:*`, and a reloaded renderer reattaches. One node's failure does not stop
 * the rest.
 */
export class NodeActionsService {
  private readonly options: NodeActionOptions;

  constructor(private readonly deps: NodeActionsDeps) {
    this.options = deps.options ?? defaultNodeActionOptions;
  }

  /** Starts `action` on the target nodes of the named account's pool. */
  async start(request: { accountId: string; poolId: string; action: NodeAction; target: NodeTarget }): Promise<{ operationId: string; total: number }> {
    const { poolId, action } = request;
    const ctx = await this.deps.clients.forAccount(request.accountId);
    const accountId = ctx.account.id;
    const nodeIds = await this.resolveTarget(accountId, poolId, request.target);
    const accepted: string[] = [];
    return this.deps.operations.start({
      kind: 'node-action',
      accountId,
      poolId,
      subject: action,
      itemIds: nodeIds,
      run: (context) => this.runUnits(context, ctx, poolId, action, nodeIds, accepted),
      finished: async () => {
        this.deps.nodes.invalidate(accountId, poolId);
        if (accepted.length > 0) await this.deps.accepted?.(accountId, poolId, action, accepted);
      },
    });
  }

  private async runUnits(context: OperationContext, ctx: BatchContextClients, poolId: string, action: NodeAction, nodeIds: string[], accepted: string[]): Promise<void> {
    // Removal resizes the pool, and the service refuses another removal until it is steady: one batch at a time.
    const removing = action === 'remove';
    const units = removing ? chunk(nodeIds, removeBatchSize) : nodeIds.map((id) => [id]);
    const { tracker, signal } = context;
    await runItems(
      context,
      units,
      (unit) => unit[0] as string,
      async (unit) => {
        for (const id of unit.slice(1)) tracker.update(id, { status: 'running' });
        try {
          if (removing) await this.waitUntilSteady(ctx, poolId, signal);
          await restCall(ctx.account.endpoint, () => this.send(ctx, poolId, action, unit, signal));
        } catch (error) {
          const failure = signal.aborted ? undefined : itemErrorOf(error);
          for (const id of unit.slice(1)) tracker.update(id, failure ? { status: 'failed', error: failure } : { status: 'cancelled' });
          throw error;
        }
        for (const id of unit.slice(1)) tracker.update(id, { status: 'succeeded', outcome: 'accepted' });
        accepted.push(...unit);
        return 'accepted';
      },
      { concurrency: removing ? 1 : this.options.concurrency, errorOf: itemErrorOf },
    );
  }

  /** Polls the pool until its allocation state is steady (removal and resize need it). */
  private async waitUntilSteady(ctx: BatchContextClients, poolId: string, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.options.steadyTimeoutMs;
    for (;;) {
      const pool = await restCall(ctx.account.endpoint, () => ctx.rest.pools.get(poolId, { select: ['id', 'allocationState'], signal }));
      if (String(pool.allocationState).toLowerCase() === 'steady') return;
      if (Date.now() > deadline) throw new ContractFailure('CONFLICT', `Pool ${poolId} did not become steady within ${Math.round(this.options.steadyTimeoutMs / 60_000)} minutes; removal stopped.`);
      // timers/promises removes its abort listener when the wait ends: no listener piles up over a long wait.
      await delay(this.options.steadyPollMs, undefined, { signal });
    }
  }

  private async resolveTarget(accountId: string, poolId: string, target: NodeTarget): Promise<string[]> {
    if ('nodeIds' in target) return [...new Set(target.nodeIds)];
    const state = target.state.toLowerCase();
    const ids = (await this.deps.nodes.rows(accountId, poolId)).filter((row) => row[nodeColumn.state] === state).map((row) => row[nodeColumn.id]);
    if (ids.length === 0) throw new ContractFailure('NOT_FOUND', `No node of pool ${poolId} is ${state} now.`);
    return ids;
  }

  /** Sends one request; cancelling aborts it on the wire (the service may still have received it). */
  private async send(ctx: BatchContextClients, poolId: string, action: NodeAction, nodeIds: string[], signal: AbortSignal): Promise<void> {
    const nodeId = nodeIds[0] as string;
    const { nodes, pools } = ctx.rest;
    const options = { signal };
    switch (action) {
      case 'reboot':
        return nodes.reboot(poolId, nodeId, { nodeRebootOption: 'requeue' }, options);
      case 'reimage':
        return nodes.reimage(poolId, nodeId, { nodeReimageOption: 'requeue' }, options);
      case 'disable-scheduling':
        return nodes.disableScheduling(poolId, nodeId, { nodeDisableSchedulingOption: 'requeue' }, options);
      case 'enable-scheduling':
        return nodes.enableScheduling(poolId, nodeId, options);
      case 'deallocate':
        return nodes.deallocate(poolId, nodeId, { nodeDeallocateOption: 'requeue' }, options);
      case 'start':
        return nodes.start(poolId, nodeId, options);
      case 'remove':
        return pools.removeNodes(poolId, { nodeList: nodeIds, nodeDeallocationOption: 'requeue' }, options);
      default:
        return assertNever(action, 'node action');
    }
  }
}

/** The contract handler that starts node actions. */
export function nodeActionsHandlers(service: NodeActionsService): PartialHandlers<keyof typeof nodeActionsChannels> {
  return { 'nodes:action': (request) => service.start(request) };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
