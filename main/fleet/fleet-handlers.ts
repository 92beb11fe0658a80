import type { fleetChannels } from '../../contract/features/fleet';
import type { PartialHandlers } from '../router';
import type { FleetService } from './fleet-service';

/** Contract handlers of fleet commands. */
export function fleetHandlers(service: FleetService): PartialHandlers<keyof typeof fleetChannels> {
  return {
    'fleet:preflight': (request) => service.preflight(request),
    'fleet:run': (request) => service.run(request),
    'fleet:result': ({ operationId }) => service.result(operationId),
    'fleet:export': ({ operationId, format }) => service.export(operationId, format),
    'fleet:history': ({ accountId, poolId }) => service.history(accountId, poolId),
  };
}
