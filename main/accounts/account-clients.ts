import { ContractFailure } from '../../contract/result';
import type { SecretStore } from '../store/secret-store';
import { accountKeySecret, sandboxAccountId, type AccountRecord, type AccountRecords } from './account-records';
import type { BatchClientFactory } from './batch-client-factory';
import type { ActiveAccount, BatchContextClients } from '../batch/batch-client-source';
import type { ProxyChoice } from '../net/proxy-config';
import { sandboxAccountName, type SandboxService } from './sandbox/sandbox-service';
import type { SecretRedactor } from '../log';

/** Where Entra ID accounts get their Batch tokens (silent refresh through msal-node). */
export interface EntraTokenSource {
  /** A Batch access token for the identity in the tenant; throws SIGN_IN_REQUIRED when it is signed out. */
  batchToken(identityId: string, tenantId: string): Promise<string>;
  /** Whether the identity is in the token cache. */
  isSignedIn(identityId: string): Promise<boolean>;
}

/** An account's client, without the account description. */
type AccountClient = Omit<BatchContextClients, 'account'>;

/** The sandbox as an account description (its endpoint appears once it is ready). */
export function sandboxAccount(sandbox: SandboxService): ActiveAccount {
  return { id: sandboxAccountId, name: sandboxAccountName, endpoint: sandbox.endpoint(), kind: 'sandbox' };
}

/**
 * Builds and caches one Batch client per account. A cached client is reused while its endpoint, credentials and
 * proxy decision are unchanged; `forget` drops it after an edit or removal.
 */
export class AccountClients {
  private readonly cache = new Map<string, { fingerprint: string; clients: AccountClient }>();

  constructor(
    private readonly records: AccountRecords,
    private readonly secrets: SecretStore,
    private readonly sandbox: SandboxService,
    private readonly factory: BatchClientFactory,
    private readonly entra: EntraTokenSource | undefined,
    private readonly proxyFor: (url: string) => Promise<ProxyChoice>,
    private readonly redactor: SecretRedactor,
  ) {}

  /** The account and a ready client; throws NOT_FOUND, NO_ACCOUNT or SIGN_IN_REQUIRED. */
  async clientFor(id: string): Promise<BatchContextClients> {
    if (id === sandboxAccountId) {
      const connection = await this.sandbox.ready();
      const account = sandboxAccount(this.sandbox);
      const clients = await this.cached(id, connection.endpoint, () => this.sharedKey(connection.endpoint, connection.accountName, connection.key));
      return { account, ...clients };
    }
    const record = (await this.records.read()).accounts.find((a) => a.id === id);
    if (!record) throw new ContractFailure('NOT_FOUND', `There is no account with id "${id}": it was removed from Batch Deck. Choose another account on the Accounts page.`);
    return { account: describe(record), ...(await this.clientForRecord(record)) };
  }

  /** Drops a cached client (after an edit, removal or sign-out). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /** The client of a shared-key account. */
  private sharedKey(endpoint: string, accountName: string, key: string): AccountClient {
    return { rest: this.factory.rest(endpoint, { kind: 'sharedKey', accountName, key }) };
  }

  private async clientForRecord(record: AccountRecord): Promise<AccountClient> {
    if (record.kind === 'sharedKey') {
      const key = await this.secrets.get(accountKeySecret(record.id));
      if (!key) throw new ContractFailure('NO_ACCOUNT', `The key of "${record.name}" is missing from the secret store. Edit the account and enter the key again.`);
      this.redactor.add(key);
      return this.cached(record.id, `${record.endpoint} ${record.name}`, () => this.sharedKey(record.endpoint, record.name, key));
    }
    const entra = this.entra;
    if (!entra) throw new ContractFailure('SIGN_IN_REQUIRED', 'Microsoft Entra ID sign-in is not available in this build.');
    if (!(await entra.isSignedIn(record.identityId))) {
      throw new ContractFailure('SIGN_IN_REQUIRED', `${record.username} is signed out. Sign in again to use "${record.name}".`);
    }
    const getToken = () => entra.batchToken(record.identityId, record.tenantId);
    return this.cached(record.id, `${record.endpoint} ${record.identityId} ${record.tenantId}`, () => ({
      rest: this.factory.rest(record.endpoint, { kind: 'entra', getToken }),
    }));
  }

  /** Returns the cached client when nothing it depends on changed, else builds a new one. */
  private async cached(id: string, identity: string, build: () => AccountClient): Promise<AccountClient> {
    const endpointUrl = identity.split(' ')[0] as string;
    const fingerprint = `${identity} ${(await this.proxyFor(endpointUrl)).proxyUrl ?? 'direct'}`;
    const hit = this.cache.get(id);
    if (hit && hit.fingerprint === fingerprint) return hit.clients;
    const clients = build();
    this.cache.set(id, { fingerprint, clients });
    return clients;
  }
}

/** An account record as services see it (no secrets). */
export function describe(record: AccountRecord): ActiveAccount {
  return { id: record.id, name: record.name, endpoint: record.endpoint, kind: record.kind };
}
