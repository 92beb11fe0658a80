import { randomUUID } from 'node:crypto';
import type { AccountStatus, AccountView } from '../../contract/features/accounts';
import { ContractFailure } from '../../contract/result';
import type { EventEmitter } from '../events';
import type { SecretRedactor } from '../log';
import type { SecretStore } from '../store/secret-store';
import { sandboxAccount, type AccountClients, type EntraTokenSource } from './account-clients';
import { accountKeySecret, sandboxAccountId, type AccountRecord, type AccountRecords, type EntraRecord, type SharedKeyRecord } from './account-records';
import type { BatchClientFactory } from './batch-client-factory';
import { listPoolsOnce } from './batch-check';
import type { ActiveAccount, BatchClientSource, BatchContextClients } from '../batch/batch-client-source';
import type { SandboxService } from './sandbox/sandbox-service';
import { invalid, parseSharedKeyInput, parseSharedKeyTarget } from './shared-key-input';

/** Everything the accounts service is built from. */
export interface AccountsServiceDeps {
  records: AccountRecords;
  secrets: SecretStore;
  sandbox: SandboxService;
  clients: AccountClients;
  factory: BatchClientFactory;
  entra: EntraTokenSource | undefined;
  events: EventEmitter;
  redactor: SecretRedactor;
}

/**
 * The account list: the Local sandbox plus saved shared-key and Entra ID accounts, their live status, and which one is
 * active. Implements BatchClientSource for every other feature. Keys go to the SecretStore, never to the records.
 */
export class AccountsService implements BatchClientSource {
  private readonly statuses = new Map<string, AccountStatus>();
  private readonly activeListeners = new Set<(account: ActiveAccount | undefined) => void>();

  constructor(private readonly deps: AccountsServiceDeps) {
    deps.sandbox.onChange(() => {
      void this.publish();
      if (deps.sandbox.status().state === 'ready') void this.notifyIfActive(sandboxAccountId);
    });
  }

  /** Every account with status; the sandbox first. */
  async list(): Promise<AccountView[]> {
    const file = await this.deps.records.read();
    const activeId = file.activeId ?? sandboxAccountId;
    const sandbox = { ...sandboxAccount(this.deps.sandbox), status: this.deps.sandbox.status(), active: activeId === sandboxAccountId };
    const saved = await Promise.all(file.accounts.map(async (record) => this.view(record, activeId)));
    return [sandbox, ...saved];
  }

  /** Checks a new shared-key account with a real call; saves the key (SecretStore) and the record only when it works. */
  async addSharedKey(raw: { name: string; url: string; key: string }): Promise<AccountView> {
    const input = parseSharedKeyInput(raw);
    this.deps.redactor.add(input.key);
    const existing = (await this.deps.records.read()).accounts.find((a) => a.kind === 'sharedKey' && a.name === input.name && a.endpoint === input.endpoint);
    if (existing) throw new ContractFailure('CONFLICT', `The account "${input.name}" at ${input.endpoint} is already in the list.`);
    await this.checkKey(input);
    const id = randomUUID();
    await this.deps.secrets.set(accountKeySecret(id), input.key);
    try {
      await this.deps.records.update((file) => void file.accounts.push({ kind: 'sharedKey', id, name: input.name, endpoint: input.endpoint }));
    } catch (error) {
      await this.deps.secrets.delete(accountKeySecret(id));
      throw error;
    }
    this.statuses.set(id, { state: 'ready' });
    return this.publishAndView(id);
  }

  /**
   * Changes a shared-key account. An empty key keeps the stored one, but only for the same name and URL: the stored
   * key never signs for another host or account. Checked like an add; nothing changes on failure.
   */
  async updateSharedKey(raw: { id: string; name: string; url: string; key: string }): Promise<AccountView> {
    const record = await this.record(raw.id);
    if (record.kind !== 'sharedKey') throw new ContractFailure('CONFLICT', `"${record.name}" is not a shared-key account; only those can be edited here.`);
    const storedKey = raw.key.trim() ? undefined : await this.storedKeyFor(record, raw);
    const input = parseSharedKeyInput({ ...raw, key: storedKey ?? raw.key });
    this.deps.redactor.add(input.key);
    await this.checkKey(input);
    if (!storedKey) await this.deps.secrets.set(accountKeySecret(record.id), input.key);
    await this.deps.records.update((file) => {
      file.accounts = file.accounts.map((a) => (a.id === record.id ? { ...a, name: input.name, endpoint: input.endpoint } : a));
    });
    this.deps.clients.forget(record.id);
    this.statuses.set(record.id, { state: 'ready' });
    await this.notifyIfActive(record.id);
    return this.publishAndView(record.id);
  }

  /** Proves a name, URL and key work with one list call, not resent: a wrong host is reported at once. */
  private async checkKey(input: { endpoint: string; name: string; key: string }): Promise<void> {
    const client = this.deps.factory.rest(input.endpoint, { kind: 'sharedKey', accountName: input.name, key: input.key }, { maxRetries: 0 });
    await listPoolsOnce(client, input.endpoint, 1);
  }

  /** The stored key, when the edit keeps the name and URL it was saved for; otherwise the user must enter it again. */
  private async storedKeyFor(record: SharedKeyRecord, raw: { name: string; url: string }): Promise<string> {
    const target = parseSharedKeyTarget(raw);
    const changed = [target.name !== record.name && 'account name', target.endpoint !== record.endpoint && 'URL'].filter(Boolean);
    if (changed.length > 0) {
      throw invalid('key', `You changed the ${changed.join(' and ')}: enter the account key again. The stored key is only used for "${record.name}" at ${record.endpoint}.`);
    }
    const stored = await this.deps.secrets.get(accountKeySecret(record.id));
    if (!stored) throw invalid('key', `The stored key of "${record.name}" is missing from the secret store. Enter the account key again.`);
    return stored;
  }

  /** Removes a saved account and its key; when it was active, the sandbox becomes active. */
  async remove(id: string): Promise<{ removed: string }> {
    if (id === sandboxAccountId) throw new ContractFailure('CONFLICT', 'The Local sandbox is built in and cannot be removed.');
    const record = await this.record(id);
    let wasActive = false;
    await this.deps.records.update((file) => {
      file.accounts = file.accounts.filter((a) => a.id !== id);
      wasActive = file.activeId === id;
      if (wasActive) delete file.activeId;
    });
    await this.deps.secrets.delete(accountKeySecret(id));
    this.deps.clients.forget(id);
    this.statuses.delete(id);
    if (wasActive) this.emitActive(sandboxAccount(this.deps.sandbox));
    await this.publish();
    return { removed: record.name };
  }

  /** Makes an account active for the rest of the app (persisted). */
  async setActive(id: string): Promise<AccountView> {
    if (id !== sandboxAccountId) await this.record(id);
    await this.deps.records.update((file) => void (file.activeId = id));
    await this.notifyIfActive(id);
    return this.publishAndView(id);
  }

  /** Lists the account's pools (first page) and records the outcome as its status. */
  async check(id: string): Promise<{ poolCount: number; morePools: boolean }> {
    try {
      const { account, rest } = await this.deps.clients.clientFor(id);
      const result = await listPoolsOnce(rest, account.endpoint, 1000);
      this.setStatus(id, { state: 'ready' });
      return result;
    } catch (error) {
      if (error instanceof ContractFailure && id !== sandboxAccountId) {
        const state = error.code === 'SIGN_IN_REQUIRED' ? 'signInRequired' : 'failed';
        this.setStatus(id, { state, code: error.code, message: error.message });
      }
      throw error;
    }
  }

  /** Stops and starts the sandbox again. */
  async restartSandbox(): Promise<AccountView> {
    this.deps.clients.forget(sandboxAccountId);
    await this.deps.sandbox.restart();
    return this.publishAndView(sandboxAccountId);
  }

  /** Adds or refreshes Entra ID accounts found by discovery (same resource and identity → updated in place). */
  async saveEntraAccounts(found: Omit<EntraRecord, 'id' | 'kind'>[]): Promise<AccountView[]> {
    const ids: string[] = [];
    await this.deps.records.update((file) => {
      for (const item of found) {
        const existing = file.accounts.find((a) => a.kind === 'entra' && a.resourceId === item.resourceId && a.identityId === item.identityId);
        const id = existing?.id ?? randomUUID();
        const record: EntraRecord = { kind: 'entra', id, ...item };
        file.accounts = existing ? file.accounts.map((a) => (a.id === id ? record : a)) : [...file.accounts, record];
        ids.push(id);
      }
    });
    for (const id of ids) {
      this.deps.clients.forget(id);
      this.statuses.delete(id);
    }
    await this.publish();
    const all = await this.list();
    return all.filter((a) => ids.includes(a.id));
  }

  /** ARM resource ids of the Entra ID accounts an identity added (discovery marks them as added). */
  async entraResourceIds(identityId: string): Promise<string[]> {
    return (await this.deps.records.read()).accounts.flatMap((a) => (a.kind === 'entra' && a.identityId === identityId ? [a.resourceId] : []));
  }

  /** After a sign-out or sign-in: cached clients and statuses of that identity's accounts are stale. */
  async identityChanged(identityId: string): Promise<void> {
    for (const record of (await this.deps.records.read()).accounts) {
      if (record.kind === 'entra' && record.identityId === identityId) {
        this.deps.clients.forget(record.id);
        this.statuses.delete(record.id);
      }
    }
    await this.publish();
  }

  // BatchClientSource
  async active(): Promise<BatchContextClients> {
    const id = (await this.deps.records.read()).activeId ?? sandboxAccountId;
    return this.deps.clients.clientFor(id);
  }

  async forAccount(accountId: string): Promise<BatchContextClients> {
    return this.deps.clients.clientFor(accountId);
  }

  onActiveChange(listener: (account: ActiveAccount | undefined) => void): () => void {
    this.activeListeners.add(listener);
    return () => this.activeListeners.delete(listener);
  }

  /** Pushes the whole list to renderers. */
  async publish(): Promise<void> {
    this.deps.events.emit('accounts:changed', { accounts: await this.list() });
  }

  private async view(record: AccountRecord, activeId: string): Promise<AccountView> {
    let status = this.statuses.get(record.id) ?? { state: 'unchecked' as const };
    if (record.kind === 'entra' && this.deps.entra && !(await this.deps.entra.isSignedIn(record.identityId))) status = { state: 'signInRequired' };
    const entra = record.kind === 'entra'
      ? { username: record.username, tenantId: record.tenantId, subscriptionId: record.subscriptionId, location: record.location }
      : {};
    return { id: record.id, name: record.name, kind: record.kind, endpoint: record.endpoint, status, active: record.id === activeId, ...entra };
  }

  private async record(id: string): Promise<AccountRecord> {
    const record = (await this.deps.records.read()).accounts.find((a) => a.id === id);
    if (!record) throw new ContractFailure('NOT_FOUND', `There is no account with id "${id}".`);
    return record;
  }

  private setStatus(id: string, status: AccountStatus): void {
    if (id === sandboxAccountId) return;
    this.statuses.set(id, status);
    void this.publish();
  }

  private async publishAndView(id: string): Promise<AccountView> {
    const all = await this.list();
    this.deps.events.emit('accounts:changed', { accounts: all });
    const found = all.find((a) => a.id === id);
    if (!found) throw new ContractFailure('NOT_FOUND', `There is no account with id "${id}".`);
    return found;
  }

  private async notifyIfActive(id: string): Promise<void> {
    const activeId = (await this.deps.records.read()).activeId ?? sandboxAccountId;
    if (activeId !== id) return;
    const all = await this.list();
    const view = all.find((a) => a.id === id);
    this.emitActive(view ? { id: view.id, name: view.name, endpoint: view.endpoint, kind: view.kind } : undefined);
  }

  private emitActive(account: ActiveAccount | undefined): void {
    for (const listener of this.activeListeners) listener(account);
  }
}
