import type { PartialHandlers } from '../router';
import type { AccountsService } from './accounts-service';

/** The account-list channels (the Entra ID ones are in entra/entra-handlers.ts). */
export type AccountsChannel =
  | 'accounts:list'
  | 'accounts:addSharedKey'
  | 'accounts:updateSharedKey'
  | 'accounts:remove'
  | 'accounts:setActive'
  | 'accounts:check'
  | 'accounts:restartSandbox';

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
