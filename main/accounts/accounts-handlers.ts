import type { accountsChannels } from '../../contract/features/accounts';
import type { PartialHandlers } from '../router';
import type { AccountsService } from './accounts-service';

/** The account-list channels (the Entra ID ones are in entra/entra-handlers.ts). */
export type AccountsChannel = Extract<keyof typeof accountsChannels, `accounts:${string}`>;

/** Contract handlers for the account list; each only forwards to the service. */
export function accountsHandlers(service: AccountsService): PartialHandlers<AccountsChannel> {
  return {
    'accounts:list': () => service.list(),
    'accounts:addSharedKey': (request) => service.addSharedKey(request),
    'accounts:updateSharedKey': (request) => service.updateSharedKey(request),
    'accounts:remove': ({ id }) => service.remove(id),
    'accounts:setActive': ({ id }) => service.setActive(id),
    'accounts:check': ({ id }) => service.check(id),
    'accounts:restartSandbox': () => service.restartSandbox(),
  };
}
