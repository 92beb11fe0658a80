import { z } from 'zod';
import { event, invoke } from '../channel';
import type {
  FileChunk,
  ImagesResult,
  NodesResult,
  PoolDetail,
  PoolsResult,
} from './batch-models';
import { accountIdSchema } from './accounts';
import { nodeIdSchema, poolIdSchema, poolSpecSchema } from './batch-pool-spec';

/**
 * What happens to tasks on nodes a resize removes (Batch's nodeDeallocationOption): requeue them elsewhere, terminate
 * them, wait for them to finish, or wait for their retention time too.
 */
export const nodeDeallocationOptions = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'] as const;

/** One {@link nodeDeallocationOptions} value. */
export type NodeDeallocationOption = (typeof nodeDeallocationOptions)[number];

export * from './batch-models';
export * from './batch-network-rules';
export * from './batch-pool-spec';
export * from './batch-pool-options';

/** Largest slice of a node file one call returns (the viewer pages through bigger files). */
export const maxFileChunkBytes = 1024 * 1024;

/** A path inside a node's Batch folder, e.g. `startup/stdout.txt`: relative, no `..` segments. */
export const nodeFilePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '..' && s !== '.'), {
    message: 'A node file path is relative to the node root, like startup/stdout.txt, without . or .. segments.',
  });

/** A task running on a node now (from the node's recentTasks), for "Open a shell where <task> runs". */
export interface NodeRunningTask {
  jobId: string;
  taskId: string;
  state: 'preparing' | 'running';
}

/** Every batch request names the account it runs against (never "whichever is active now"). */
const account = { accountId: accountIdSchema };

const poolRef = z.object({ ...account, poolId: poolIdSchema }).strict();

/** Which nodes a bulk action targets: listed ids (a selection) or every node now in one state. */
export const nodeTargetSchema = z.union([
  z.object({ nodeIds: z.array(nodeIdSchema).min(1, 'Select at least one node.').max(100_000) }).strict(),
  z.object({ state: z.string().min(1).max(64) }).strict(),
]);

/** Channels of the batch feature: images, pools and nodes of the account each request names. */
export const batchChannels = {
  /** The account's supported images (every page), cached per account; `refresh` lists again. */
  'images:list': invoke(z.object({ ...account, refresh: z.boolean().default(false) }).strict()).returns<ImagesResult>(),
  /** Every pool with node counts by state from `/nodecounts`. */
  'pools:list': invoke(z.object(account).strict()).returns<PoolsResult>(),
  /** One pool with its image, start task and inbound NAT pools. */
  'pools:get': invoke(poolRef).returns<PoolDetail>(),
  /** Creates a pool from a validated spec (the same schema the form checks). */
  'pools:create': invoke(z.object({ ...account, spec: poolSpecSchema }).strict()).returns<{ poolId: string }>(),
  /** Sets new dedicated and spot targets. */
  'pools:resize': invoke(
    z
      .object({
        ...account,
        poolId: poolIdSchema,
        targetDedicatedNodes: z.number().int().min(0).max(100_000),
        targetSpotNodes: z.number().int().min(0).max(100_000),
        /** When shrinking: what happens to running tasks; the service's default (requeue) when absent. */
        nodeDeallocationOption: z.enum(nodeDeallocationOptions).optional(),
      })
      .strict(),
  ).returns<{ poolId: string }>(),
  /** Stops a resize in progress. */
  'pools:stop-resize': invoke(poolRef).returns<{ poolId: string }>(),
  /** Deletes a pool; `confirmId` must repeat the id, as the user typed it. */
  'pools:delete': invoke(
    z
      .object({ ...account, poolId: poolIdSchema, confirmId: z.string() })
      .strict()
      .refine((r) => r.confirmId === r.poolId, { message: 'Type the pool id exactly to confirm the deletion.', path: ['confirmId'] }),
  ).returns<{ poolId: string }>(),
  /**
   * A pool's nodes as compact rows. Pass the version you hold: when nothing changed (judged from `/nodecounts`
   * for big pools) the answer is `{ unchanged: true }` and no rows cross.
   */
  'nodes:list': invoke(
    z.object({ ...account, poolId: poolIdSchema, knownVersion: z.number().int().min(0).optional(), force: z.boolean().default(false) }).strict(),
  ).returns<NodesResult>(),
  /** The tasks running on one node now, read from that node on demand (node lists stay lean). */
  'nodes:running-tasks': invoke(z.object({ ...account, poolId: poolIdSchema, nodeId: nodeIdSchema }).strict()).returns<NodeRunningTask[]>(),
  /** Reads a byte range of a node file (start task output), or its last `maxBytes` when `tail` is set. */
  'nodes:file-read': invoke(
    z
      .object({
        ...account,
        poolId: poolIdSchema,
        nodeId: nodeIdSchema,
        path: nodeFilePathSchema,
        fromByte: z.number().int().min(0).optional(),
        maxBytes: z.number().int().min(1).max(maxFileChunkBytes).default(64 * 1024),
        tail: z.boolean().default(false),
      })
      .strict(),
  ).returns<FileChunk>(),
};

/** Events of the batch feature pushed from main to the renderer. */
export const batchEvents = {
  /** While listing a big pool's nodes page by page. */
  'nodes:list-progress': event(z.object({ accountId: z.string(), poolId: z.string(), loaded: z.number() })),
};
