import type { accountsChannels } from '../../../contract/features/accounts';
import type { PartialHandlers } from '../../router';
import type { AccountsService } from '../accounts-service';
import type { EntraService } from './entra-service';
import type { SignInFlows } from './sign-in-flows';

/** The Microsoft Entra ID channels: the `entra:` part of the accounts contract. */
export type EntraChannel = Extract<keyof typeof accountsChannels, `entra:${string}`>;

/** Contract handlers for sign-in, the tenant picker, discovery and sign-out. */
export function entraHandlers(entra: EntraService, flows: SignInFlows, accounts: AccountsService): PartialHandlers<EntraChannel> {
  return {
    'entra:signIn': ({ method, tenant }) => entra.signIn(method, tenant),
    'entra:cancelSignIn': async ({ signInId }) => ({ cancelled: await flows.cancel(signInId) }),
    'entra:identities': () => entra.identities(),
    'entra:tenants': ({ identityId }) => entra.tenants(identityId),
    'entra:discover': async ({ identityId, tenantId }) => {
      const added = new Set((await accounts.entraResourceIds(identityId)));
      return entra.discover(identityId, tenantId, (resourceId) => added.has(resourceId));
    },
    'entra:addAccounts': async ({ identityId, tenantId, resourceIds }) =>
      accounts.saveEntraAccounts(await entra.accountsToAdd(identityId, tenantId, resourceIds)),
    'entra:signOut': ({ identityId }) => entra.signOut(identityId),
  };
}
