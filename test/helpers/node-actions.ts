import type { OperationItem, OperationSummary } from '../../contract/features/operations';
import type { BatchClientSource } from '../../main/batch/batch-client-source';
import { NodeActionsService, type NodeActionOptions } from '../../main/batch/node-actions-service';
import type { NodesService } from '../../main/batch/nodes-service';
import type { EventEmitter } from '../../main/events';
import type { Logger } from '../../main/log';
import { OperationRegistry } from '../../main/operations/operation-registry';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Node actions wired as app.ts wires them (through an operation registry), with a `run` that waits for the result. */
export function nodeActionsFor(clients: BatchClientSource, nodes: NodesService, events: EventEmitter, options?: NodeActionOptions) {
  const operations = new OperationRegistry({ events, log: quiet });
  const service = new NodeActionsService({ clients, nodes, operations, ...(options ? { options } : {}) });
  return {
    service,
    operations,
    /** Starts the action and resolves with the finished operation's summary and every node's result. */
    async run(request: Parameters<NodeActionsService['start']>[0]): Promise<{ summary: OperationSummary; items: OperationItem[] }> {
      const { operationId } = await service.start(request);
      const summary = await operations.whenDone(operationId);
      return { summary, items: operations.get(operationId).items };
    },
  };
}
