import { join } from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../store/json-file';

/** The fixed id of the Local sandbox account. */
export const sandboxAccountId = 'sandbox';

const sharedKeyRecord = z.object({
  kind: z.literal('sharedKey'),
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
});

const entraRecord = z.object({
  kind: z.literal('entra'),
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  /** msal's home account id of the identity that added it. */
  identityId: z.string(),
  username: z.string(),
  tenantId: z.string(),
  subscriptionId: z.string(),
  resourceId: z.string(),
  location: z.string(),
});

/** A saved account (the sandbox is not saved: it always exists). No secrets: keys live in the SecretStore. */
export const accountRecordSchema = z.discriminatedUnion('kind', [sharedKeyRecord, entraRecord]);
/** One of {@link accountRecordSchema}. */
export type AccountRecord = z.infer<typeof accountRecordSchema>;
/** A saved shared-key account. */
export type SharedKeyRecord = z.infer<typeof sharedKeyRecord>;
/** A saved Entra ID account. */
export type EntraRecord = z.infer<typeof entraRecord>;

const accountsFileSchema = z.object({
  version: z.literal(1),
  /** The active account; absent on first run, which means the sandbox. */
  activeId: z.string().optional(),
  accounts: z.array(accountRecordSchema),
});
/** The contents of `accounts.json`. */
export type AccountsFile = z.infer<typeof accountsFileSchema>;

/** The SecretStore name of a shared-key account's key. */
export function accountKeySecret(id: string): string {
  return `account-key/${id}`;
}

/**
 * `accounts.json` in the data folder: the saved accounts and the active one, read once and written atomically on
 * every change. Changes are serialised so two quick edits never lose each other.
 */
export class AccountRecords {
  private readonly file: JsonFile<typeof accountsFileSchema>;
  private cached: AccountsFile | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'accounts.json'), accountsFileSchema, () => ({ version: 1, accounts: [] }));
  }

  /** The current contents. */
  async read(): Promise<AccountsFile> {
    this.cached ??= await this.file.read();
    return this.cached;
  }

  /** Applies `change` to a copy and persists it; the in-memory state changes only when the write succeeded. */
  update(change: (draft: AccountsFile) => void): Promise<AccountsFile> {
    const next = this.pending.then(async () => {
      const draft = structuredClone(await this.read());
      change(draft);
      await this.file.write(draft);
      this.cached = draft;
      return draft;
    });
    this.pending = next.catch(() => undefined);
    return next;
  }
}
