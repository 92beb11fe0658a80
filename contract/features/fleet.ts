import { z } from 'zod';
import { invoke } from '../channel';
import { accountIdSchema } from './accounts';
import { poolIdSchema } from './batch-pool-spec';
import { operationIdSchema } from './operations';
import { nodeIdSchema, nodeUserNameSchema } from './provision';

/** Longest command Batch Deck sends (a shell line, not a script upload). */
export const maxFleetCommandLength = 8_192;
/** Each node's stdout and stderr are kept up to this many bytes each; the rest is counted, not kept. */
export const fleetOutputCapBytes = 64 * 1024;

/** A command to run on nodes: one non-empty line or script of at most {@link maxFleetCommandLength} characters. */
export const fleetCommandSchema = z
  .string()
  .max(maxFleetCommandLength, `A command has at most ${maxFleetCommandLength.toLocaleString('en-US')} characters.`)
  .refine((command) => command.trim().length > 0, 'Type a command to run.');

/** Which nodes of the pool a fleet command runs on: every node, the listed ones (a selection), or nodes now in some states. */
export const fleetTargetSchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ nodeIds: z.array(nodeIdSchema).min(1, 'Select at least one node.').max(100_000) }).strict(),
  z.object({ states: z.array(z.string().min(1).max(64)).min(1, 'Choose at least one node state.').max(20) }).strict(),
]);
/** One {@link fleetTargetSchema}. */
export type FleetTarget = z.infer<typeof fleetTargetSchema>;

/** Why a node gave no answer; each reason forms its own "unreachable" group. */
export const unreachableReasons = [
  'no-login-endpoint',
  'not-ready',
  'no-user',
  'auth-failed',
  'connection-refused',
  'timeout',
  'host-key-unknown',
  'host-key-changed',
  'network',
  'batch-error',
  'node-gone',
  'ssh-error',
] as const;
/** One of {@link unreachableReasons}. */
export type UnreachableReason = (typeof unreachableReasons)[number];

/** How a command ended on a node that answered. */
export type FleetEnd = { kind: 'exit'; code: number } | { kind: 'signal'; signal: string } | { kind: 'timeout'; afterMs: number };

/** Nodes that gave the same answer (same stdout, stderr and end), or failed to answer for the same reason. */
export type FleetGroup =
  | {
      kind: 'answer';
      /** Stable within one result: a hash of the answer. */
      key: string;
      count: number;
      nodeIds: string[];
      end: FleetEnd;
      stdout: string;
      stderr: string;
      /** Bytes the node wrote beyond the cap (same for every node of the group). */
      stdoutDropped: number;
      stderrDropped: number;
    }
  | { kind: 'unreachable'; key: string; count: number; nodeIds: string[]; reason: UnreachableReason; message: string };

/** One node's result (no output: that is in its group). */
export interface FleetNodeResult {
  nodeId: string;
  groupKey: string;
  durationMs: number;
  /** The node's own words for an unreachable node (host and port included). */
  detail?: string;
}

/** A fleet command's answers, grouped: what the view shows and the export writes. */
export interface FleetResult {
  operationId: string;
  accountId: string;
  poolId: string;
  command: string;
  userName: string;
  state: 'running' | 'finished' | 'cancelled' | 'failed';
  total: number;
  answered: number;
  /** Groups, largest first. */
  groups: FleetGroup[];
  /** Nodes per exit code (`exit 0`, `signal KILL`, `timeout`, `unreachable`). */
  histogram: { label: string; count: number }[];
  nodes: FleetNodeResult[];
  /** Nodes that never ran (cancelled before they started). */
  notRun: string[];
  outputCapBytes: number;
  startedAt: string;
  finishedAt?: string;
}

/** One group as history keeps it: no output beyond a short first line. */
export interface FleetHistoryGroup {
  kind: 'answer' | 'unreachable';
  count: number;
  /** `exit 0`, `signal KILL`, `timeout`, or the unreachable reason. */
  end: string;
  /** The first line of the answer (≤ 200 characters), or the reason in words. */
  preview: string;
}

/** One past command of a pool: the text and its group summaries, never a credential or full output. */
export interface FleetHistoryEntry {
  operationId: string;
  command: string;
  userName: string;
  targetLabel: string;
  startedAt: string;
  finishedAt?: string;
  state: FleetResult['state'];
  total: number;
  groups: FleetHistoryGroup[];
}

/** Who may run commands on a pool's nodes: provisioned users and on how many of the chosen nodes they are usable. */
export interface FleetPreflight {
  targetCount: number;
  users: { userName: string; authKind: 'managedKey' | 'password' | 'publicKey'; usableOn: number; expired: boolean }[];
  /** The user main picks when the request names none. */
  suggestedUser?: string;
}

const poolRef = { accountId: accountIdSchema, poolId: poolIdSchema };

const runRequest = z
  .object({
    ...poolRef,
    command: fleetCommandSchema,
    target: fleetTargetSchema,
    /** A user Batch Deck provisioned on the pool; main picks the one usable on most of the nodes when absent. */
    userName: nodeUserNameSchema.optional(),
    concurrency: z.number().int().min(1).max(256).default(32),
    timeoutSeconds: z.number().int().min(1).max(3_600).default(60),
    /** Trust a host key seen for the first time (OpenSSH's accept-new); a changed key always blocks the node. */
    acceptNewHostKeys: z.boolean().default(true),
    /** What the target was, for history ("selection of 3", "all nodes"). */
    targetLabel: z.string().max(200).optional(),
  })
  .strict();

/** Channels of fleet commands; progress, per-node status and cancel go through `operations:*`. */
export const fleetChannels = {
  /** Which provisioned users can run commands on the chosen nodes (the form offers to provision one when none). */
  'fleet:preflight': invoke(z.object({ ...poolRef, target: fleetTargetSchema }).strict()).returns<FleetPreflight>(),
  /** Starts a command on the chosen nodes and answers at once with the operation id. */
  'fleet:run': invoke(runRequest).returns<{ operationId: string; total: number }>(),
  /** The grouped answers of a fleet command (running or ended) of this session. */
  'fleet:result': invoke(z.object({ operationId: operationIdSchema }).strict()).returns<FleetResult>(),
  /** The grouped answers as a JSON or CSV file's text (one row per node). */
  'fleet:export': invoke(z.object({ operationId: operationIdSchema, format: z.enum(['json', 'csv']) }).strict()).returns<{ fileName: string; text: string }>(),
  /** The last commands run on a pool (newest first). */
  'fleet:history': invoke(z.object(poolRef).strict()).returns<FleetHistoryEntry[]>(),
};
