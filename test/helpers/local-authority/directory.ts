import type { TestUser } from './token-minter';

/** A Batch account as ARM lists it. */
export interface TestBatchAccount {
  name: string;
  location: string;
  /** ARM's `accountEndpoint`: a host[:port] without scheme (`127.0.0.1:PORT` for an emulator). */
  accountEndpoint: string;
}

/** A subscription and its Batch accounts. */
export interface TestSubscription {
  subscriptionId: string;
  displayName: string;
  batchAccounts: TestBatchAccount[];
  /** When set, listing this subscription's Batch accounts answers this ARM error instead (e.g. 403 AuthorizationFailed). */
  listingFailure?: { status: number; code: string; message: string };
}

/** A tenant the test user belongs to. */
export interface TestTenant {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  subscriptions: TestSubscription[];
}

/** Who signs in and what they can see: the whole world of the local authority and ARM endpoint. */
export interface AuthorityDirectory {
  user: TestUser;
  tenants: TestTenant[];
}

/** Finds the tenant a token request's path names: a GUID, a verified domain, or organizations/common (home). */
export function tenantOfPath(directory: AuthorityDirectory, segment: string): TestTenant | undefined {
  const wanted = segment === 'organizations' || segment === 'common' ? directory.user.homeTenantId : segment.toLowerCase();
  return directory.tenants.find((t) => t.tenantId === wanted || t.defaultDomain.toLowerCase() === wanted);
}
