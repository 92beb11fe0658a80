import { z } from 'zod';
import { event, invoke } from '../channel';
import { accountIdSchema } from './accounts';

/** An operation id as main hands it out. */
export const operationIdSchema = z.string().min(1).max(100);

/**
 * What a long operation does. Later features add their kind here (uploads, task bulk actions, fleet commands) and
 * reuse everything else: the registry in main, these channels, the renderer's store.
 */
export const operationKinds = ['provision-apply', 'provision-remove', 'node-action', 'file-transfer', 'fleet-command', 'task-add', 'task-action'] as const;
/** One of {@link operationKinds}. */
export type OperationKind = (typeof operationKinds)[number];

/** Where one item (a node, a file, a task) stands. Terminal: succeeded, failed, cancelled. */
export const itemStatuses = ['pending', 'running', 'retrying', 'succeeded', 'failed', 'cancelled'] as const;
/** One of {@link itemStatuses}. */
export type ItemStatus = (typeof itemStatuses)[number];

/** What went wrong on one item: the contract code, what the service said, and its own code. */
export const itemErrorSchema = z.object({ code: z.string(), message: z.string(), serviceCode: z.string().optional() });
/** One item's error. */
export type ItemError = z.infer<typeof itemErrorSchema>;

/** One item's progress and result. */
export const operationItemSchema = z.object({
  id: z.string(),
  status: z.enum(itemStatuses),
  /** For a succeeded item, what exactly happened (e.g. `created`, `updated`, `recreated`, `removed`, `notPresent`, `accepted`). */
  outcome: z.string().optional(),
  /** Requests sent for this item so far (retries included). */
  attempts: z.number().int(),
  error: itemErrorSchema.optional(),
  /** For a file transfer, bytes moved so far and the file's size. */
  bytes: z.object({ done: z.number(), total: z.number() }).optional(),
});
/** One item of an operation. */
export type OperationItem = z.infer<typeof operationItemSchema>;

/** An operation without its items: who, what, counts per status and per outcome, and whether it still runs. */
export const operationSummarySchema = z.object({
  operationId: z.string(),
  kind: z.enum(operationKinds),
  accountId: z.string(),
  poolId: z.string().optional(),
  /** What it acts with: the user name for provisioning, the action for node actions. */
  subject: z.string(),
  total: z.number().int(),
  counts: z.record(z.enum(itemStatuses), z.number().int()),
  /** Succeeded items by outcome. */
  outcomes: z.record(z.string(), z.number().int()),
  /** `failed`: the operation itself stopped (its `error` says why); items that never ran say so too. */
  state: z.enum(['running', 'finished', 'cancelled', 'failed']),
  error: itemErrorSchema.optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
/** The summary of an operation. */
export type OperationSummary = z.infer<typeof operationSummarySchema>;

/** The summary plus items: in events, the items changed since the previous event; from `operations:get`, every item. */
export const operationProgressSchema = operationSummarySchema.extend({ items: z.array(operationItemSchema) });
/** An operation's progress. */
export type OperationProgress = z.infer<typeof operationProgressSchema>;

const byId = z.object({ operationId: operationIdSchema }).strict();

/** Channels shared by every long operation. */
export const operationsChannels = {
  /** This session's operations of one account (optionally of one kind or pool), newest first, without items. */
  'operations:list': invoke(
    z
      .object({
        accountId: accountIdSchema,
        kind: z.enum(operationKinds).optional(),
        poolId: z.string().min(1).max(64).optional(),
      })
      .strict(),
  ).returns<OperationSummary[]>(),
  /** One operation with every item: what a renderer shows after a reload. */
  'operations:get': invoke(byId).returns<OperationProgress>(),
  /** Stops an operation: items not yet started end `cancelled`, requests in flight are aborted. */
  'operations:cancel': invoke(byId).returns<{ cancelled: boolean }>(),
};

/** Events shared by every long operation. */
export const operationsEvents = {
  /** Batched progress (at most about ten a second per operation): the summary plus the items that changed. */
  'operations:progress': event(operationProgressSchema),
};
