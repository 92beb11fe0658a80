import { z } from 'zod';
import { event, invoke } from '../channel';
import { errorCodes, type ErrorCode } from '../errors';

/** Names the account a request runs against: every Batch, node, provisioning and terminal request carries one. */
export const accountIdSchema = z.string().min(1, 'Name the account this request is for.').max(200);

/** How Batch Deck reaches an account: the local emulator, a shared key, or a Microsoft Entra ID sign-in. */
export const accountKindSchema = z.enum(['sandbox', 'sharedKey', 'entra']);
/** One of {@link accountKindSchema}. */
export type AccountKind = z.infer<typeof accountKindSchema>;

/**
 * Live status of an account. `starting`/`stopped` are the sandbox's; `unchecked` means no call was made since Batch
 * Deck started; `signInRequired` is an Entra ID account whose identity is signed out; `failed` carries the error code
 * and message (for the sandbox, `detail` holds the emulator's own stderr).
 */
export const accountStatusSchema = z.object({
  state: z.enum(['starting', 'ready', 'failed', 'stopped', 'unchecked', 'signInRequired']),
  code: z.enum(errorCodes).optional(),
  message: z.string().optional(),
  detail: z.string().optional(),
});
/** One of {@link accountStatusSchema}. */
export type AccountStatus = z.infer<typeof accountStatusSchema>;

/** What the renderer knows about an account: never a key, token or refresh token. */
export const accountViewSchema = z.object({
  id: z.string(),
  /** The Batch account name (also its display name). */
  name: z.string(),
  kind: accountKindSchema,
  /** The Batch account URL; empty while the sandbox has not started. */
  endpoint: z.string(),
  status: accountStatusSchema,
  active: z.boolean(),
  /** Entra ID accounts: who signed in, in which tenant and subscription. */
  username: z.string().optional(),
  tenantId: z.string().optional(),
  subscriptionId: z.string().optional(),
  location: z.string().optional(),
});
/** One of {@link accountViewSchema}. */
export type AccountView = z.infer<typeof accountViewSchema>;

/** A signed-in Microsoft Entra ID identity (from msal-node's cache; its tokens stay in main). */
export const identityViewSchema = z.object({
  /** msal's home account id (`<object id>.<home tenant id>`): an identifier, not a secret. */
  id: z.string(),
  username: z.string(),
  homeTenantId: z.string(),
  cloud: z.enum(['public', 'china', 'usgov']),
});
/** One of {@link identityViewSchema}. */
export type IdentityView = z.infer<typeof identityViewSchema>;

/** A directory (tenant) the signed-in identity can use. */
export interface TenantView {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
}

/** A Batch account found through Azure Resource Manager. */
export interface DiscoveredBatchAccount {
  resourceId: string;
  name: string;
  location: string;
  /** The Batch account URL built from ARM's `accountEndpoint`. */
  endpoint: string;
  /** Already in the account list. */
  added: boolean;
}

/** A subscription with the Batch accounts it holds (maybe none: the UI says so rather than showing nothing). */
export interface DiscoveredSubscription {
  subscriptionId: string;
  displayName: string;
  state: string;
  accounts: DiscoveredBatchAccount[];
  /** Set when this subscription's Batch accounts could not be listed (the others still are): what ARM or the network said. */
  error?: { code: ErrorCode; message: string };
}

/** Progress of one sign-in, pushed as `entra:signInProgress`. */
export const signInProgressSchema = z.discriminatedUnion('state', [
  /** The browser must show `url`; `openedByHost` false means the renderer opens it (web host). */
  z.object({ signInId: z.string(), state: z.literal('waitingForBrowser'), url: z.string(), openedByHost: z.boolean() }),
  /** The user enters `userCode` at `verificationUri` on any device. */
  z.object({
    signInId: z.string(),
    state: z.literal('deviceCode'),
    userCode: z.string(),
    verificationUri: z.string(),
    message: z.string(),
  }),
  z.object({ signInId: z.string(), state: z.literal('completed'), identity: identityViewSchema }),
  z.object({ signInId: z.string(), state: z.literal('failed'), code: z.enum(errorCodes), message: z.string() }),
  z.object({ signInId: z.string(), state: z.literal('cancelled') }),
]);
/** One of {@link signInProgressSchema}. */
export type SignInProgress = z.infer<typeof signInProgressSchema>;

const id = z.string().min(1).max(200);
const text = (max: number) => z.string().max(max);
/** A GUID or a verified domain name, as Entra ID accepts for a tenant. */
const tenant = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, 'a tenant id (GUID) or domain such as contoso.onmicrosoft.com');

/** Fields of a shared-key account as the user types them; main checks them precisely and with a real call. */
const sharedKeyFields = {
  name: text(100),
  url: text(2048),
  key: text(1024),
};

/** Channels of the accounts feature. */
export const accountsChannels = {
  /** Every account with its live status; the sandbox first. */
  'accounts:list': invoke(z.object({}).strict()).returns<AccountView[]>(),
  /** Checks name/URL/key with a real call, then saves; nothing is saved when the check fails. */
  'accounts:addSharedKey': invoke(z.object(sharedKeyFields).strict()).returns<AccountView>(),
  /** Changes a shared-key account; an empty key keeps the stored one. Checked like an add. */
  'accounts:updateSharedKey': invoke(z.object({ id, ...sharedKeyFields }).strict()).returns<AccountView>(),
  /** Removes an account and its stored secret. The Local sandbox cannot be removed. */
  'accounts:remove': invoke(z.object({ id }).strict()).returns<{ removed: string }>(),
  /** Makes an account the one the rest of the app works against (remembered across restarts). */
  'accounts:setActive': invoke(z.object({ id }).strict()).returns<AccountView>(),
  /** Lists the account's pools through the Batch API (first page) to prove it works; updates its status. */
  'accounts:check': invoke(z.object({ id }).strict()).returns<{ poolCount: number; morePools: boolean }>(),
  /** Stops and starts the Local sandbox emulator again (after a failure). */
  'accounts:restartSandbox': invoke(z.object({}).strict()).returns<AccountView>(),
  /** Starts a Microsoft Entra ID sign-in; progress arrives as `entra:signInProgress` events. */
  'entra:signIn': invoke(
    z.object({ method: z.enum(['browser', 'deviceCode']), tenant: tenant.optional() }).strict(),
  ).returns<{ signInId: string }>(),
  /** Cancels a sign-in that is still waiting for the user. */
  'entra:cancelSignIn': invoke(z.object({ signInId: id }).strict()).returns<{ cancelled: boolean }>(),
  /** The identities signed in now. */
  'entra:identities': invoke(z.object({}).strict()).returns<IdentityView[]>(),
  /** The tenants an identity can use (the tenant picker). */
  'entra:tenants': invoke(z.object({ identityId: id }).strict()).returns<TenantView[]>(),
  /** Subscriptions of a tenant and the Batch accounts in each. */
  'entra:discover': invoke(z.object({ identityId: id, tenantId: tenant }).strict()).returns<DiscoveredSubscription[]>(),
  /** Adds discovered Batch accounts (by ARM resource id, from the last discovery) to the account list. */
  'entra:addAccounts': invoke(
    z.object({ identityId: id, tenantId: tenant, resourceIds: z.array(text(1024).min(1)).min(1).max(200) }).strict(),
  ).returns<AccountView[]>(),
  /** Signs an identity out: its tokens leave the cache; its accounts stay listed as needing sign-in. */
  'entra:signOut': invoke(z.object({ identityId: id }).strict()).returns<{ signedOut: string }>(),
};

/** Events of the accounts feature pushed from main to the renderer. */
export const accountsEvents = {
  /** The account list or a status changed; carries the whole (small) list. */
  'accounts:changed': event(z.object({ accounts: z.array(accountViewSchema) })),
  /** A sign-in moved on: browser URL, device code, done, failed or cancelled. */
  'entra:signInProgress': event(signInProgressSchema),
};
