import { z } from 'zod';
import { invoke } from '../channel';
import { accountIdSchema } from './accounts';
import { nodeActions } from './batch-models';
import { nodeTargetSchema } from './batch';
import { poolIdSchema } from './batch-pool-spec';

/** Channels of bulk node actions; progress, result per node, cancel and reattach go through `operations:*`. */
export const nodeActionsChannels = {
  /** Starts one action on many nodes of a pool and answers at once with the operation id main chose. */
  'nodes:action': invoke(
    z
      .object({
        accountId: accountIdSchema,
        poolId: poolIdSchema,
        action: z.enum(nodeActions),
        target: nodeTargetSchema,
      })
      .strict(),
  ).returns<{ operationId: string; total: number }>(),
};
