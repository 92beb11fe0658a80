import { join } from 'node:path';
import { z } from 'zod';
import {
  nodeErrorSchema,
  nodeProgressStatusSchema,
  type NodeUserState,
  type ProvisionedUser,
} from '../../contract/features/provision';
import { JsonFile } from '../store/json-file';

const nodeStateSchema = z.object({ status: nodeProgressStatusSchema, error: nodeErrorSchema.optional() });

const userRecordSchema = z.object({
  userName: z.string(),
  authKind: z.enum(['managedKey', 'publicKey', 'password']),
  isAdmin: z.boolean(),
  expiryTime: z.string(),
  updatedAt: z.string(),
  nodes: z.record(z.string(), nodeStateSchema),
});

/** What Batch Deck remembers about a user it provisioned on a pool (no secrets: passwords live in the SecretStore). */
export type UserRecord = z.infer<typeof userRecordSchema>;

const registrySchema = z.object({
  version: z.literal(1),
  /** accountId → poolId → lower-cased user name → record. */
  accounts: z.record(z.string(), z.record(z.string(), z.record(z.string(), userRecordSchema))),
});

type RegistryDoc = z.infer<typeof registrySchema>;

/** Secret-store name of a password user's password (user names are case-insensitive on Batch). */
export function passwordSecretName(accountId: string, poolId: string, userName: string): string {
  return `provision/password/${accountId}/${poolId}/${userName.toLowerCase()}`;
}

/**
 * Which users Batch Deck provisioned on which nodes, and how each node answered. Batch has no "list node users" call,
 * so this is where the table's user status and the login resolver's auth kind come from. Kept in memory while
 * operations run and written (`provisioned-users.json`, 0600, atomic) when one ends.
 */
export class ProvisionedUserRegistry {
  private readonly file: JsonFile<typeof registrySchema>;
  private doc: Promise<RegistryDoc> | undefined;

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'provisioned-users.json'), registrySchema, () => ({ version: 1 as const, accounts: {} }));
  }

  /** The users of one pool. */
  async users(accountId: string, poolId: string): Promise<UserRecord[]> {
    return Object.values((await this.load()).accounts[accountId]?.[poolId] ?? {});
  }

  /** One user of one pool. */
  async user(accountId: string, poolId: string, userName: string): Promise<UserRecord | undefined> {
    return (await this.load()).accounts[accountId]?.[poolId]?.[userName.toLowerCase()];
  }

  /** Creates or refreshes a user's record (auth kind, admin, expiry), keeping what its nodes said before. */
  async upsertUser(accountId: string, poolId: string, user: ProvisionedUser, now: Date = new Date()): Promise<UserRecord> {
    const doc = await this.load();
    const pools = (doc.accounts[accountId] ??= {});
    const users = (pools[poolId] ??= {});
    const key = user.userName.toLowerCase();
    const record: UserRecord = { ...user, updatedAt: now.toISOString(), nodes: users[key]?.nodes ?? {} };
    users[key] = record;
    return record;
  }

  /** Sets (or, with undefined, forgets) what one node says about one user; in memory until `save`. */
  async setNode(accountId: string, poolId: string, userName: string, nodeId: string, state: NodeUserState | undefined): Promise<void> {
    const record = await this.user(accountId, poolId, userName);
    if (!record) return;
    if (state) record.nodes[nodeId] = state;
    else delete record.nodes[nodeId];
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

/** The public view of a record. */
export function toProvisionedUser(record: UserRecord): ProvisionedUser {
  return { userName: record.userName, authKind: record.authKind, isAdmin: record.isAdmin, expiryTime: record.expiryTime };
}
