import { createLocalJWKSet, jwtVerify } from 'jose';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, issuerOf, type OidcState } from './oidc-routes';

/** The ARM resource that discovery tokens must be minted for. */
export const armAudience = 'https://management.azure.com/';

/**
 * A small Azure Resource Manager under `/arm`: tenants, subscriptions (one per page, so clients must follow
 * `nextLink`) and Batch accounts. Every call needs a bearer token from this authority for ARM; a token for one tenant
 * sees only that tenant's subscriptions, as in Azure.
 */
export async function handleArm(state: OidcState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith('/arm/')) return false;
  const tid = await verifiedTenant(state, req.headers.authorization ?? '');
  if (!tid) return json(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } });
  const path = url.pathname.slice('/arm'.length);
  const armUrl = `${state.origin}/arm`;
  if (path === '/tenants') {
    const value = state.directory.tenants.map((t) => ({ id: `/tenants/${t.tenantId}`, tenantId: t.tenantId, displayName: t.displayName, defaultDomain: t.defaultDomain }));
    return json(res, 200, { value });
  }
  const tenant = state.directory.tenants.find((t) => t.tenantId === tid);
  const subscriptions = tenant?.subscriptions ?? [];
  if (path === '/subscriptions') {
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const page = subscriptions.slice(skip, skip + 1).map((s) => ({ id: `/subscriptions/${s.subscriptionId}`, subscriptionId: s.subscriptionId, displayName: s.displayName, state: 'Enabled', tenantId: tid }));
    const nextLink = skip + 1 < subscriptions.length ? `${armUrl}/subscriptions?api-version=${url.searchParams.get('api-version')}&$skiptoken=${skip + 1}` : undefined;
    return json(res, 200, nextLink ? { value: page, nextLink } : { value: page });
  }
  const match = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Batch\/batchAccounts$/.exec(path);
  if (match) {
    const subscription = subscriptions.find((s) => s.subscriptionId === match[1]);
    if (!subscription) return json(res, 404, { error: { code: 'SubscriptionNotFound', message: `The subscription '${match[1]}' could not be found.` } });
    const failure = subscription.listingFailure;
    if (failure) return json(res, failure.status, { error: { code: failure.code, message: failure.message } });
    const value = subscription.batchAccounts.map((a) => ({
      id: `/subscriptions/${subscription.subscriptionId}/resourceGroups/batch-rg/providers/Microsoft.Batch/batchAccounts/${a.name}`,
      name: a.name,
      type: 'Microsoft.Batch/batchAccounts',
      location: a.location,
      properties: { accountEndpoint: a.accountEndpoint, provisioningState: 'Succeeded' },
    }));
    return json(res, 200, { value });
  }
  return json(res, 404, { error: { code: 'NotFound', message: `No route for ${path}` } });
}

/** The tenant of a valid ARM token from this authority, else undefined. */
async function verifiedTenant(state: OidcState, authorization: string): Promise<string | undefined> {
  if (!authorization.startsWith('Bearer ')) return undefined;
  try {
    const issuers = state.directory.tenants.map((t) => issuerOf(state.origin, t.tenantId));
    const { payload } = await jwtVerify(authorization.slice(7), createLocalJWKSet(state.minter.jwks), { issuer: issuers, audience: armAudience });
    return String(payload.tid);
  } catch {
    return undefined;
  }
}
