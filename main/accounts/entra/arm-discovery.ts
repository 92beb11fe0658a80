import type { DiscoveredSubscription, TenantView } from '../../../contract/features/accounts';
import { ContractFailure } from '../../../contract/result';
import { networkCodeOf, tlsCodeOf } from '../../batch/network-failure';
import type { HttpTransport } from '../../net/http-transport';
import { isLoopbackHost } from '../../net/proxy-config';
import { parseJsonOrUndefined } from '../../store/parse-json';

/** ARM api-versions used for discovery (subscriptions/tenants GA versions; Batch management 2024-07-01). */
const resourcesApi = '2022-12-01';
const batchApi = '2024-07-01';

/** A Batch account as discovery reports it, with what an account record needs. */
export interface FoundBatchAccount {
  resourceId: string;
  name: string;
  location: string;
  endpoint: string;
  subscriptionId: string;
}

/**
 * Azure Resource Manager discovery over REST: tenants of the signed-in identity, subscriptions of a tenant, and the
 * Batch accounts of each subscription (GET /subscriptions/{id}/providers/Microsoft.Batch/batchAccounts), following
 * `nextLink` paging.
 */
export class ArmDiscovery {
  constructor(
    private readonly transport: HttpTransport,
    private readonly armUrl: string,
  ) {}

  /** Tenants the token's identity belongs to. */
  async tenants(token: string): Promise<TenantView[]> {
    const items = await this.listAll<{ tenantId: string; displayName?: string; defaultDomain?: string }>(`/tenants?api-version=${resourcesApi}`, token);
    return items.map((t) => ({ tenantId: t.tenantId, displayName: t.displayName ?? t.tenantId, defaultDomain: t.defaultDomain ?? '' }));
  }

  /**
   * Subscriptions visible with the token (a token for one tenant lists that tenant's), each with its Batch accounts.
   * One subscription whose accounts cannot be listed (no read permission, Microsoft.Batch not registered, a network
   * failure) keeps its place with the reason in `error`; the others are listed all the same.
   */
  async subscriptionsWithAccounts(token: string): Promise<{ subscription: Omit<DiscoveredSubscription, 'accounts'>; accounts: FoundBatchAccount[] }[]> {
    const subscriptions = await this.listAll<{ subscriptionId: string; displayName?: string; state?: string }>(`/subscriptions?api-version=${resourcesApi}`, token);
    return Promise.all(
      subscriptions.map(async (s) => {
        const subscription = { subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId, state: s.state ?? 'Unknown' };
        try {
          return { subscription, accounts: await this.batchAccounts(s.subscriptionId, token) };
        } catch (error) {
          if (!(error instanceof ContractFailure)) throw error; // a bug: the router logs it
          return { subscription: { ...subscription, error: { code: error.code, message: error.message } }, accounts: [] };
        }
      }),
    );
  }

  private async batchAccounts(subscriptionId: string, token: string): Promise<FoundBatchAccount[]> {
    const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Batch/batchAccounts?api-version=${batchApi}`;
    const items = await this.listAll<{ id: string; name: string; location?: string; properties?: { accountEndpoint?: string } }>(path, token);
    return items
      .filter((a) => a.properties?.accountEndpoint)
      .map((a) => ({
        resourceId: a.id,
        name: a.name,
        location: a.location ?? '',
        endpoint: batchEndpointOf(a.properties?.accountEndpoint as string),
        subscriptionId,
      }));
  }

  /** GETs a list and every `nextLink` page after it. */
  private async listAll<T>(path: string, token: string): Promise<T[]> {
    const out: T[] = [];
    let url: string | undefined = `${this.armUrl}${path}`;
    for (let pages = 0; url && pages < 100; pages++) {
      const page: { value?: T[]; nextLink?: string } = await this.get(url, token);
      out.push(...(page.value ?? []));
      url = page.nextLink;
    }
    return out;
  }

  private async get<T>(url: string, token: string): Promise<T> {
    let response;
    try {
      response = await this.transport.send({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    } catch (error) {
      const code = networkCodeOf(error) ?? tlsCodeOf(error) ?? ((error as { code?: unknown }).code === 'EPROXY' ? 'EPROXY' : undefined);
      if (!code) throw error; // not the network: a bug, for the router to log as INTERNAL
      throw new ContractFailure('UNREACHABLE', `Cannot reach Azure Resource Manager at ${new URL(url).host} (${code}): ${(error as Error).message}`);
    }
    const body = parseJsonOrUndefined(response.body) as { error?: { code?: string; message?: string } } | undefined;
    if (response.status >= 200 && response.status < 300 && body) return body as T;
    const code = body?.error?.code ?? `HTTP ${response.status}`;
    const message = `Azure Resource Manager refused the discovery request: ${code}: ${body?.error?.message ?? 'no details'}`;
    throw new ContractFailure(response.status === 401 || response.status === 403 ? 'AUTH_FAILED' : 'BATCH_ERROR', message, { serviceCode: code, statusCode: response.status });
  }
}

/** ARM's `accountEndpoint` is a host without scheme; Batch is https, except a loopback emulator (http). */
export function batchEndpointOf(accountEndpoint: string): string {
  if (/^https?:\/\//.test(accountEndpoint)) return new URL(accountEndpoint).origin;
  const url = new URL(`https://${accountEndpoint}`);
  return isLoopbackHost(url.hostname) ? `http://${url.host}` : url.origin;
}
