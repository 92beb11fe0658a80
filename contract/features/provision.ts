import { z } from 'zod';
import { invoke } from '../channel';
import { accountIdSchema } from './accounts';
import type { ItemError } from './operations';

/** A Batch pool id as the service allows it. */
export const poolIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A pool id is 1-64 letters, digits, hyphens or underscores.');

/** A compute node id (`tvmps_<hex>_d` on Azure; anything id-like on the emulator). */
export const nodeIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,256}$/, 'A node id is letters, digits, dots, hyphens or underscores.');

/** Names Batch refuses for node users (Linux and Windows built-ins). */
export const reservedUserNames = ['root', 'administrator', 'guest', 'daemon', 'bin', 'sys', 'sync', 'nobody', '_azbatch', 'defaultaccount'];

/** A node user name: starts with a letter or underscore; letters, digits, `_`, `.`, `-`; at most 32 chars (Batch allows 20 on Windows and says so). */
export const nodeUserNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, 'A user name starts with a letter or underscore, then up to 31 letters, digits, underscores, periods or hyphens.')
  .refine((name) => !reservedUserNames.includes(name.toLowerCase()), 'This user name is reserved by the operating system or Batch.');

/** An OpenSSH public key line, e.g. `ssh-ed25519 AAAA… comment`. */
export const sshPublicKeySchema = z
  .string()
  .trim()
  .max(16_384)
  .regex(
    /^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/,
    'Paste one OpenSSH public key line, such as "ssh-ed25519 AAAA… you@host".',
  );

/** A node user password chosen by the operator. */
export const nodeUserPasswordSchema = z.string().min(12, 'A password needs at least 12 characters.').max(123, 'A password has at most 123 characters.');

/** How the new user authenticates: the account's managed key, the operator's own public key, or a password. */
export const provisionAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('managedKey') }).strict(),
  z.object({ kind: z.literal('publicKey'), publicKey: sshPublicKeySchema }).strict(),
  /** Without `password`, main generates a strong one and keeps it in the secret store. */
  z.object({ kind: z.literal('password'), password: nodeUserPasswordSchema.optional() }).strict(),
]);

/** The auth kinds, for forms and records. */
export type ProvisionAuthKind = z.infer<typeof provisionAuthSchema>['kind'];

/** Which nodes an operation covers: every node of the pool, or the listed ones. */
export const nodeSelectionSchema = z.union([z.literal('all'), z.array(nodeIdSchema).min(1).max(10_000)]);

/** What one node says about one user. `gone`: the user was there and is not any more (reimage, a fresh disk). */
export const nodeUserStatuses = ['created', 'updated', 'recreated', 'failed', 'gone'] as const;
/** One of {@link nodeUserStatuses}, or an in-flight status the renderer shows while an operation runs. */
export type NodeUserStatus = (typeof nodeUserStatuses)[number] | 'pending' | 'running' | 'retrying';

/** A user Batch Deck provisioned on a pool (no secrets). */
export interface ProvisionedUser {
  userName: string;
  authKind: ProvisionAuthKind;
  isAdmin: boolean;
  expiryTime: string;
}

/** Why a node has no login address in the table. */
export interface LoginUnavailable {
  /** NO_SSH_ENDPOINT: the pool has no SSH NAT pool; NOT_READY: the node's state refuses logins; BATCH_ERROR: Batch said no. */
  code: 'NO_SSH_ENDPOINT' | 'NOT_READY' | 'BATCH_ERROR';
  message: string;
}

/** One node's truth for one provisioned user, as Batch last answered. */
export interface NodeUserState {
  /** The last thing that happened to the user on this node. */
  status: NodeUserStatus;
  /** Whether the user is on the node now (a failed update leaves an earlier one in place). */
  present: boolean;
  /** Whether the node's user is an administrator, when known. */
  isAdmin?: boolean;
  /** The node still has an earlier password: a password change could not reach it (it keeps working with that one). */
  stalePassword?: boolean;
  /** When Batch last confirmed the user on this node (ISO). */
  confirmedAt?: string;
  error?: ItemError;
  /** Why the user is gone, in words. */
  note?: string;
}

/** One row of the remote login table: the seed's printout, plus which of our users the node has. */
export interface RemoteLoginRow {
  nodeId: string;
  state: string;
  ipAddress?: string;
  port?: number;
  /** The IPv6 login address and port of a dual-stack pool's node (2025-06-01), when Batch reports them. */
  ipv6Address?: string;
  ipv6Port?: number;
  unavailable?: LoginUnavailable;
  /** By user name, for users Batch Deck provisioned on this pool. */
  users: Record<string, NodeUserState>;
}

/** The remote login table of one pool. */
export interface RemoteLoginTable {
  poolId: string;
  rows: RemoteLoginRow[];
  users: ProvisionedUser[];
  /** When the login settings were last read from Batch (ISO). */
  fetchedAt: string;
}

/** The account's managed key, public half only. */
export interface ManagedPublicKey {
  accountId: string;
  publicKey: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** Where the private key was last exported, if ever. */
  exportedPath?: string;
  /** A sensible default for the export dialog, e.g. `~/.ssh/batch-deck-sandbox_ed25519`. */
  suggestedPath: string;
}

const applyRequest = z
  .object({
    accountId: accountIdSchema,
    poolId: poolIdSchema,
    nodes: nodeSelectionSchema,
    userName: nodeUserNameSchema,
    auth: provisionAuthSchema,
    isAdmin: z.boolean().default(false),
    /** ISO time with offset; default one day from now. Must be in the future. */
    expiryTime: z.iso.datetime({ offset: true }).optional(),
    /**
     * Replace an existing user's password (with the typed one, or a new generated one) on every node that has the user,
     * not only the chosen ones. Without it an existing password is reused, never regenerated.
     */
    rotatePassword: z.boolean().default(false),
  })
  .strict();

const poolRef = { accountId: accountIdSchema, poolId: poolIdSchema };
const target = z.object({ ...poolRef, nodeId: nodeIdSchema, userName: nodeUserNameSchema }).strict();

/** Channels of the provision feature: users across pools, the remote-login table, the managed key. */
export const provisionChannels = {
  /** Adds (or updates) a user on the chosen nodes in the background; follow it with `operations:*`. */
  'provision:apply': invoke(applyRequest).returns<{ operationId: string; total: number }>(),
  /** Removes a user from the chosen nodes in the background; follow it with `operations:*`. */
  'provision:remove': invoke(z.object({ ...poolRef, nodes: nodeSelectionSchema, userName: nodeUserNameSchema }).strict()).returns<{
    operationId: string;
    total: number;
  }>(),
  /** Node id | state | IP | port | user status per node for a pool; login settings are cached unless `refresh`. */
  'remote-login:list': invoke(z.object({ ...poolRef, refresh: z.boolean().default(false) }).strict()).returns<RemoteLoginTable>(),
  /**
   * The `ssh -i <key file> -p PORT user@IP` line for one node and user (`command`: bash/zsh), the same for each shell
   * that can carry the key path, and the node's trusted host keys as `known_hosts` lines (for `BatchMode=yes`).
   */
  'remote-login:ssh-command': invoke(target).returns<{
    command: string;
    commands: { posix?: string; powershell?: string; cmd?: string };
    knownHostsLines: string[];
    keyFileNeeded: boolean;
  }>(),
  /** The account's managed public key (created on first use). */
  'keys:managed-public': invoke(z.object({ accountId: accountIdSchema }).strict()).returns<ManagedPublicKey>(),
  /** Writes the account's managed private key to a file the user names (mode 0600); `~/` is expanded. */
  'keys:export-private': invoke(
    z.object({ accountId: accountIdSchema, path: z.string().trim().min(1).max(4096), overwrite: z.boolean().default(false) }).strict(),
  ).returns<{ path: string }>(),
};
