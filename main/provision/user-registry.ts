import { join } from 'node:path';
import { z } from 'zod';
import { itemErrorSchema } from '../../contract/features/operations';
import { nodeUserStatuses, type NodeUserState, type ProvisionedUser } from '../../contract/features/provision';
import { JsonFile } from '../store/json-file';

const nodeRecordSchema = z.object({
  status: z.enum(nodeUserStatuses),
  /** Whether the user is on the node as far as Batch last said. */
  present: z.boolean(),
  isAdmin: z.boolean().optional(),
  /** Which of the user's passwords the node has (password users). */
  passwordVersion: z.number().int().min(0).optional(),
  expiryTime: z.string().optional(),
  /** When Batch last confirmed the user there: a node booted later may have lost it (reimage). */
  confirmedAt: z.string().optional(),
  error: itemErrorSchema.optional(),
  note: z.string().optional(),
});

/** What Batch Deck knows about one user on one node. */
export type NodeUserRecord = z.infer<typeof nodeRecordSchema>;

const userRecordSchema = z.object({
  userName: z.string(),
  authKind: z.enum(['managedKey', 'publicKey', 'password']),
  /** What the operator last asked for; each node says what it has. */
  isAdmin: z.boolean(),
  expiryTime: z.string(),
  updatedAt: z.string(),
  /** The operator's own public key (public; kept to re-check nodes without asking for it again). */
  publicKey: z.string().optional(),
  /** The current password's version (password users); nodes a change could not reach keep an earlier one. */
  passwordVersion: z.number().int().min(0).default(0),
  nodes: z.record(z.string(), nodeRecordSchema),
});

/** What Batch Deck remembers about a user it provisioned on a pool (no secrets: passwords live in the SecretStore). */
export type UserRecord = z.infer<typeof userRecordSchema>;

/** The first format kept one status per node and one password per pool; read it as "present since the last save". */
const legacySchema = z.object({
  version: z.literal(1),
  accounts: z.record(
    z.string(),
    z.record(
      z.string(),
      z.record(
        z.string(),
        z.object({
          userName: z.string(),
          authKind: z.enum(['managedKey', 'publicKey', 'password']),
          isAdmin: z.boolean(),
          expiryTime: z.string(),
          updatedAt: z.string(),
          nodes: z.record(z.string(), z.object({ status: z.string(), error: itemErrorSchema.optional() })),
        }),
      ),
    ),
  ),
});

const currentSchema = z.object({
  version: z.literal(2),
  /** accountId → poolId → lower-cased user name → record. */
  accounts: z.record(z.string(), z.record(z.string(), z.record(z.string(), userRecordSchema))),
});

type RegistryDoc = z.infer<typeof currentSchema>;

function upgrade(legacy: z.infer<typeof legacySchema>): RegistryDoc {
  const doc: RegistryDoc = { version: 2, accounts: {} };
  for (const [accountId, pools] of Object.entries(legacy.accounts)) {
    for (const [poolId, users] of Object.entries(pools)) {
      for (const [key, user] of Object.entries(users)) {
        const nodes: Record<string, NodeUserRecord> = {};
        for (const [nodeId, state] of Object.entries(user.nodes)) {
          const present = state.status === 'created' || state.status === 'updated';
          if (!present && state.status !== 'failed') continue;
          nodes[nodeId] = { status: present ? (state.status as 'created' | 'updated') : 'failed', present, isAdmin: user.isAdmin, passwordVersion: 0, expiryTime: user.expiryTime, confirmedAt: user.updatedAt, ...(state.error ? { error: state.error } : {}) };
        }
        ((doc.accounts[accountId] ??= {})[poolId] ??= {})[key] = { ...user, passwordVersion: 0, nodes };
      }
    }
  }
  return doc;
}

const registrySchema = z.union([currentSchema, legacySchema.transform(upgrade)]);

/** Secret-store name of one version of a password user's password (version 0 keeps the first format's name). */
export function passwordSecretName(accountId: string, poolId: string, userName: string, version = 0): string {
  const base = `provision/password/${accountId}/${poolId}/${userName.toLowerCase()}`;
  return version === 0 ? base : `${base}/v${version}`;
}

/**
 * Which users Batch Deck provisioned on which nodes, per (account, pool, node, user): whether the user is there, as
 * admin or not, with which password version, and when Batch last confirmed it. Batch has no "list node users" call,
 * so this is where the table's truth per node and the login resolver's credentials come from. Kept in memory while
 * operations run and written (`provisioned-users.json`, 0600, atomic) when one ends.
 */
export class ProvisionedUserRegistry {
  private readonly file: JsonFile<typeof registrySchema>;
  private doc: Promise<RegistryDoc> | undefined;

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'provisioned-users.json'), registrySchema, () => ({ version: 2 as const, accounts: {} }));
  }

  /** The users of one pool. */
  async users(accountId: string, poolId: string): Promise<UserRecord[]> {
    return Object.values((await this.load()).accounts[accountId]?.[poolId] ?? {});
  }

  /** One user of one pool. */
  async user(accountId: string, poolId: string, userName: string): Promise<UserRecord | undefined> {
    return (await this.load()).accounts[accountId]?.[poolId]?.[userName.toLowerCase()];
  }

  /** Creates or refreshes a user's record (what the operator asked for), keeping what each node said before. */
  async upsertUser(accountId: string, poolId: string, user: Omit<UserRecord, 'updatedAt' | 'nodes'>, now: Date = new Date()): Promise<UserRecord> {
    const users = (((await this.load()).accounts[accountId] ??= {})[poolId] ??= {});
    const key = user.userName.toLowerCase();
    const record: UserRecord = { ...user, updatedAt: now.toISOString(), nodes: users[key]?.nodes ?? {} };
    users[key] = record;
    return record;
  }

  /** Sets (or, with undefined, forgets) what one node says about one user; in memory until `save`. */
  async setNode(accountId: string, poolId: string, userName: string, nodeId: string, state: NodeUserRecord | undefined): Promise<void> {
    const record = await this.user(accountId, poolId, userName);
    if (!record) return;
    if (state) record.nodes[nodeId] = state;
    else delete record.nodes[nodeId];
  }

  /** Marks every user on these nodes as gone (a reimage removes them); returns how many entries changed. */
  async markGone(accountId: string, poolId: string, nodeIds: readonly string[], note: string): Promise<number> {
    let changed = 0;
    for (const user of await this.users(accountId, poolId)) {
      for (const nodeId of nodeIds) {
        const node = user.nodes[nodeId];
        if (!node?.present) continue;
        user.nodes[nodeId] = { status: 'gone', present: false, note };
        changed++;
      }
    }
    return changed;
  }

  /** Forgets what nodes that left the pool said (the row is gone with them); returns how many entries were dropped. */
  async forgetNodes(accountId: string, poolId: string, isGone: (nodeId: string) => boolean): Promise<number> {
    let dropped = 0;
    for (const user of await this.users(accountId, poolId)) {
      for (const nodeId of Object.keys(user.nodes)) {
        if (!isGone(nodeId)) continue;
        delete user.nodes[nodeId];
        dropped++;
      }
    }
    return dropped;
  }

  /** Forgets a user that no node has any more; true when it was forgotten. */
  async dropIfEmpty(accountId: string, poolId: string, userName: string): Promise<boolean> {
    const users = (await this.load()).accounts[accountId]?.[poolId];
    const key = userName.toLowerCase();
    if (!users?.[key] || Object.keys(users[key].nodes).length > 0) return false;
    delete users[key];
    return true;
  }

  /** Writes the registry now. */
  async save(): Promise<void> {
    await this.file.write(await this.load());
  }

  private load(): Promise<RegistryDoc> {
    this.doc ??= this.file.read();
    return this.doc;
  }
}

/** Password versions some node still has (present there), plus the current one: the secrets to keep. */
export function passwordVersionsInUse(record: UserRecord): Set<number> {
  const versions = new Set([record.passwordVersion]);
  for (const node of Object.values(record.nodes)) if (node.present && node.passwordVersion !== undefined) versions.add(node.passwordVersion);
  return versions;
}

/** The public view of a record. */
export function toProvisionedUser(record: UserRecord): ProvisionedUser {
  return { userName: record.userName, authKind: record.authKind, isAdmin: record.isAdmin, expiryTime: record.expiryTime };
}

/** What the table shows for one node of one user. */
export function toNodeUserState(record: UserRecord, node: NodeUserRecord): NodeUserState {
  const stale = record.authKind === 'password' && node.present && (node.passwordVersion ?? 0) !== record.passwordVersion;
  return {
    status: node.status,
    present: node.present,
    ...(node.isAdmin !== undefined ? { isAdmin: node.isAdmin } : {}),
    ...(stale ? { stalePassword: true } : {}),
    ...(node.confirmedAt ? { confirmedAt: node.confirmedAt } : {}),
    ...(node.error ? { error: node.error } : {}),
    ...(node.note ? { note: node.note } : {}),
  };
}
