import type { tunnelsChannels } from '../../contract/features/tunnels';
import type { PartialHandlers } from '../router';
import type { TunnelService } from './tunnel-service';

/** Contract handlers of port forwarding. */
export function tunnelsHandlers(service: TunnelService): PartialHandlers<keyof typeof tunnelsChannels> {
  return {
    'tunnels:open': (request) => service.open(request),
    'tunnels:list': () => service.list(),
    'tunnels:close': async ({ tunnelId }) => {
      await service.close(tunnelId);
      return { closed: tunnelId };
    },
    'tunnels:open-browser': ({ tunnelId }) => service.openBrowser(tunnelId),
  };
}
