import type { NodeAction, NodeActionResult } from '../../contract/features/batch-models';
import { nodeColumn } from '../../contract/features/batch-models';
import { ContractFailure } from '../../contract/result';
import type { BatchClientSource } from '../accounts/batch-client-source';
import type { EventEmitter } from '../events';
import { batchCall, type BatchContext } from './batch-call';
import type { NodesService } from './nodes-service';
import { toBatchFailure } from './service-error';

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

/** `removeNodes` takes at most 100 node ids per request. */
const removeBatchSize = 100;

/**
 * Bulk node actions (reboot, reimage, remove, disable/enable scheduling) on a selection or on every node in a state,
 * a few requests at a time, with progress events and cancellation; one node's failure does not stop the rest.
 */
export class NodeActionsService {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly source: BatchClientSource,
    private readonly nodes: NodesService,
    private readonly events: EventEmitter,
    private readonly options: NodeActionOptions = defaultNodeActionOptions,
  ) {}

  /** Runs `action` on the target nodes and reports what happened to each. */
  async run(request: { operationId: string; poolId: string; action: NodeAction; target: NodeTarget }): Promise<NodeActionResult> {
    const { operationId, poolId, action } = request;
    if (this.running.has(operationId)) throw new ContractFailure('CONFLICT', `Operation ${operationId} is already running.`);
    const abort = new AbortController();
    this.running.set(operationId, abort);
    try {
      const ctx = await this.source.active();
      const nodeIds = await this.resolveTarget(ctx.account.id, poolId, request.target);
      const result: NodeActionResult = { requested: nodeIds.length, succeeded: 0, failed: [], cancelled: false };
      const report = () =>
        this.events.emit('nodes:action-progress', { operationId, done: result.succeeded + result.failed.length, total: nodeIds.length, failed: result.failed.length });
      // Removal resizes the pool, and the service refuses another removal until it is steady: one batch at a time.
      const removing = action === 'remove';
      const units = removing ? chunk(nodeIds, removeBatchSize) : nodeIds.map((id) => [id]);
      let next = 0;
      const worker = async () => {
        while (next < units.length && !abort.signal.aborted) {
          const unit = units[next++] as string[];
          try {
            if (removing) await this.waitUntilSteady(ctx, poolId, abort.signal);
            await batchCall(ctx, () => this.send(ctx, poolId, action, unit), { signal: abort.signal });
            result.succeeded += unit.length;
          } catch (error) {
            if (abort.signal.aborted) break;
            const failure = toBatchFailure(error, ctx.account.endpoint);
            const code = String(failure.details?.serviceCode ?? failure.code);
            for (const nodeId of unit) result.failed.push({ nodeId, code, message: failure.message });
          }
          report();
        }
      };
      const workers = removing ? 1 : Math.min(this.options.concurrency, units.length);
      await Promise.all(Array.from({ length: workers }, worker));
      result.cancelled = abort.signal.aborted;
      this.nodes.invalidate(ctx.account.id, poolId);
      return result;
    } finally {
      this.running.delete(operationId);
    }
  }

  /** Stops a running action after the requests in flight; true when there was one. */
  cancel(operationId: string): boolean {
    const abort = this.running.get(operationId);
    abort?.abort(new ContractFailure('CANCELLED', 'The action was cancelled.'));
    return abort !== undefined;
  }

  /** Polls the pool until its allocation state is steady (removal and resize need it). */
  private async waitUntilSteady(ctx: BatchContext, poolId: string, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.options.steadyTimeoutMs;
    for (;;) {
      const pool = await batchCall(ctx, () => ctx.client.pool.get(poolId, { poolGetOptions: { select: 'id,allocationState' } }), { signal });
      if (String(pool.allocationState).toLowerCase() === 'steady') return;
      if (Date.now() > deadline) throw new ContractFailure('CONFLICT', `Pool ${poolId} did not become steady; removal stopped.`);
      await abortableDelay(this.options.steadyPollMs, signal);
    }
  }

  private async resolveTarget(accountId: string, poolId: string, target: NodeTarget): Promise<string[]> {
    if ('nodeIds' in target) return [...new Set(target.nodeIds)];
    const state = target.state.toLowerCase();
    const ids = (await this.nodes.rows(accountId, poolId)).filter((row) => row[nodeColumn.state] === state).map((row) => row[nodeColumn.id]);
    if (ids.length === 0) throw new ContractFailure('NOT_FOUND', `No node of pool ${poolId} is ${state} now.`);
    return ids;
  }

  private async send(ctx: BatchContext, poolId: string, action: NodeAction, nodeIds: string[]): Promise<unknown> {
    const nodeId = nodeIds[0] as string;
    switch (action) {
      case 'reboot':
        return ctx.client.computeNode.reboot(poolId, nodeId, { nodeRebootOption: 'requeue' });
      case 'reimage':
        return ctx.client.computeNode.reimage(poolId, nodeId, { nodeReimageOption: 'requeue' });
      case 'disable-scheduling':
        return ctx.client.computeNode.disableScheduling(poolId, nodeId, { nodeDisableSchedulingOption: 'requeue' });
      case 'enable-scheduling':
        return ctx.client.computeNode.enableScheduling(poolId, nodeId);
      case 'remove':
        return ctx.client.pool.removeNodes(poolId, { nodeList: nodeIds, nodeDeallocationOption: 'requeue' });
    }
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
