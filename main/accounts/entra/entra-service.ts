import type { AccountInfo, AuthenticationResult } from '@azure/msal-node';
import type { DiscoveredSubscription, IdentityView, TenantView } from '../../../contract/features/accounts';
import type { Settings } from '../../../contract/features/settings';
import { ContractFailure } from '../../../contract/result';
import type { SecretRedactor } from '../../log';
import type { EntraTokenSource } from '../account-clients';
import type { EntraRecord } from '../account-records';
import type { HttpTransport } from '../../net/http-transport';
import { ArmDiscovery, type FoundBatchAccount } from './arm-discovery';
import { toSignInFailure } from './auth-errors';
import type { MsalApps } from './msal-apps';
import type { SignInFlows } from './sign-in-flows';

/** What the Entra ID service needs. */
export interface EntraServiceDeps {
  apps: MsalApps;
  flows: SignInFlows;
  transport: HttpTransport;
  redactor: SecretRedactor;
  /** The cloud setting, read on every sign-in. */
  cloud(): Promise<Settings['cloud']>;
  /** Called after an identity signed in or out, so its accounts' clients and statuses refresh. */
  identityChanged(identityId: string): Promise<void>;
}

/** Identity ids name the cloud too (`public:<home account id>`), so one id finds its msal client. */
const clouds: Settings['cloud'][] = ['public', 'china', 'usgov'];

/**
 * Microsoft Entra ID: sign-in (browser or device code), the identities in msal's cache, the tenant picker, ARM
 * discovery, Batch tokens with silent refresh, and sign-out. Tokens never leave this service except as Authorization
 * headers on Batch and ARM requests.
 */
export class EntraService implements EntraTokenSource {
  /** The last discovery per identity and tenant: what `addAccounts` may add (the renderer names resource ids only). */
  private readonly discovered = new Map<string, FoundBatchAccount[]>();

  constructor(private readonly deps: EntraServiceDeps) {}

  /** Starts a sign-in in the configured cloud; progress arrives as events. */
  async signIn(method: 'browser' | 'deviceCode', tenant: string | undefined): Promise<{ signInId: string }> {
    const cloud = await this.deps.cloud();
    const { app, endpoints, network } = this.deps.apps.get(cloud);
    const authority = `${endpoints.authorityHost}/${tenant ?? 'organizations'}`;
    const request = { app, method, authority, scopes: [endpoints.armScope], networkFailure: () => network.lastFailure };
    return this.deps.flows.start(request, async (result) => this.completed(cloud, result));
  }

  /** Every identity signed in now, across clouds. */
  async identities(): Promise<IdentityView[]> {
    const out: IdentityView[] = [];
    for (const cloud of clouds) {
      for (const account of await this.deps.apps.get(cloud).app.getAllAccounts()) out.push(identityView(cloud, account));
    }
    return out;
  }

  /** Tenants the identity can use. */
  async tenants(identityId: string): Promise<TenantView[]> {
    const { cloud, account } = await this.identity(identityId);
    const token = await this.token(cloud, account, 'organizations', 'arm');
    return this.arm(cloud).tenants(token);
  }

  /** Subscriptions of a tenant with their Batch accounts; remembered for `accountsToAdd`. */
  async discover(identityId: string, tenantId: string, alreadyAdded: (resourceId: string) => boolean): Promise<DiscoveredSubscription[]> {
    const { cloud, account } = await this.identity(identityId);
    const token = await this.token(cloud, account, tenantId, 'arm');
    const found = await this.arm(cloud).subscriptionsWithAccounts(token);
    this.discovered.set(`${identityId}|${tenantId}`, found.flatMap((f) => f.accounts));
    return found.map(({ subscription, accounts }) => ({
      ...subscription,
      accounts: accounts.map((a) => ({ resourceId: a.resourceId, name: a.name, location: a.location, endpoint: a.endpoint, added: alreadyAdded(a.resourceId) })),
    }));
  }

  /** The records to save for resource ids picked from the last discovery of that identity and tenant. */
  async accountsToAdd(identityId: string, tenantId: string, resourceIds: string[]): Promise<Omit<EntraRecord, 'id' | 'kind'>[]> {
    const { account } = await this.identity(identityId);
    const found = this.discovered.get(`${identityId}|${tenantId}`);
    if (!found) throw new ContractFailure('NOT_FOUND', 'Discover the accounts of this tenant first, then pick from the list.');
    return resourceIds.map((resourceId) => {
      const hit = found.find((a) => a.resourceId === resourceId);
      if (!hit) throw new ContractFailure('NOT_FOUND', `${resourceId} was not in the last discovery of this tenant.`);
      const { endpoint, location, name, subscriptionId } = hit;
      return { identityId, username: account.username, tenantId, resourceId, endpoint, location, name, subscriptionId };
    });
  }

  /** Removes the identity and all its tokens from the cache (and from the SecretStore when none remain). */
  async signOut(identityId: string): Promise<{ signedOut: string }> {
    const { cloud, account } = await this.identity(identityId);
    await this.deps.apps.get(cloud).app.getTokenCache().removeAccount(account);
    for (const key of [...this.discovered.keys()]) if (key.startsWith(`${identityId}|`)) this.discovered.delete(key);
    await this.deps.identityChanged(identityId);
    return { signedOut: account.username };
  }

  async batchToken(identityId: string, tenantId: string): Promise<string> {
    const { cloud, account } = await this.identity(identityId);
    return this.token(cloud, account, tenantId, 'batch');
  }

  async isSignedIn(identityId: string): Promise<boolean> {
    return (await this.find(identityId)) !== undefined;
  }

  /** A token from the cache, refreshed silently with the refresh token when expired. */
  private async token(cloud: Settings['cloud'], account: AccountInfo, tenant: string, resource: 'arm' | 'batch'): Promise<string> {
    const { app, endpoints, network } = this.deps.apps.get(cloud);
    const scopes = [resource === 'arm' ? endpoints.armScope : endpoints.batchScope];
    try {
      // msal looks tokens up by the account's tenantId: a tenant other than home needs its own tenant profile, which
      // msal creates from the (tenant-agnostic) refresh token on the first request.
      const inTenant = tenant === 'organizations' ? account : { ...account, tenantId: tenant };
      const result = await app.acquireTokenSilent({ account: inTenant, scopes, authority: `${endpoints.authorityHost}/${tenant}` });
      this.deps.redactor.add(result.accessToken);
      return result.accessToken;
    } catch (error) {
      const what = `Getting a ${resource === 'arm' ? 'Resource Manager' : 'Batch'} token for ${account.username}`;
      const failure = toSignInFailure(error, what, { authorityHost: new URL(endpoints.authorityHost).host, networkFailure: network.lastFailure });
      // A bug goes to the router as-is, which logs it and answers INTERNAL.
      throw failure.code === 'INTERNAL' ? (network.lastFailure?.bug ?? error) : failure;
    }
  }

  private async completed(cloud: Settings['cloud'], result: AuthenticationResult): Promise<IdentityView> {
    if (!result.account) throw new ContractFailure('AUTH_FAILED', 'The sign-in returned no account.');
    const identity = identityView(cloud, result.account);
    await this.deps.identityChanged(identity.id);
    return identity;
  }

  private async identity(identityId: string): Promise<{ cloud: Settings['cloud']; account: AccountInfo }> {
    const found = await this.find(identityId);
    if (!found) throw new ContractFailure('SIGN_IN_REQUIRED', 'This identity is signed out. Sign in again.');
    return found;
  }

  private async find(identityId: string): Promise<{ cloud: Settings['cloud']; account: AccountInfo } | undefined> {
    const [cloud, homeAccountId] = splitIdentityId(identityId);
    if (!cloud) return undefined;
    const account = await this.deps.apps.get(cloud).app.getTokenCache().getAccountByHomeId(homeAccountId);
    return account ? { cloud, account } : undefined;
  }

  private arm(cloud: Settings['cloud']): ArmDiscovery {
    return new ArmDiscovery(this.deps.transport, this.deps.apps.get(cloud).endpoints.armUrl);
  }
}

/** The renderer's view of an msal account. */
function identityView(cloud: Settings['cloud'], account: AccountInfo): IdentityView {
  return { id: `${cloud}:${account.homeAccountId}`, username: account.username, homeTenantId: account.tenantId, cloud };
}

/** Splits `cloud:homeAccountId`; the cloud is undefined for an id that does not start with a known one. */
function splitIdentityId(identityId: string): [Settings['cloud'] | undefined, string] {
  const index = identityId.indexOf(':');
  const cloud = identityId.slice(0, index) as Settings['cloud'];
  return clouds.includes(cloud) ? [cloud, identityId.slice(index + 1)] : [undefined, ''];
}
