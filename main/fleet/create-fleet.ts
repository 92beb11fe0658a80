import type { BatchClientSource } from '../batch/batch-client-source';
import type { NodesService } from '../batch/nodes-service';
import type { Logger } from '../log';
import type { OperationRegistry } from '../operations/operation-registry';
import type { ProvisionedUserRegistry } from '../provision/user-registry';
import type { PartialHandlers } from '../router';
import type { SshConnections } from '../ssh/connection-pool';
import type { HostKeyPrompts } from '../ssh/host-key-prompts';
import type { fleetChannels } from '../../contract/features/fleet';
import { fleetHandlers } from './fleet-handlers';
import { FleetHistory } from './fleet-history';
import { FleetService } from './fleet-service';

/** What fleet commands are built from (all of it is in the composition root already). */
export interface FleetFeatureDeps {
  dataDir: string;
  clients: BatchClientSource;
  nodes: NodesService;
  /** Provisioning's record of users per node: who can log in where. */
  users: ProvisionedUserRegistry;
  operations: OperationRegistry;
  /** The app's shared SSH connections (one per account, pool, node and user). */
  connections: SshConnections;
  /** The host-key prompt broker those connections wait on (a first-seen key is answered for the run when asked to). */
  prompts: Pick<HostKeyPrompts, 'decide'>;
  log: Logger;
  /** Bytes kept of each node's stdout and stderr (tests shrink it). */
  capBytes?: number;
}

/** The built feature: its service and contract handlers. */
export interface FleetFeature {
  service: FleetService;
  handlers: PartialHandlers<keyof typeof fleetChannels>;
}

/** Builds fleet commands: history in the data folder, the service on the operation registry, its handlers. */
export function createFleet(deps: FleetFeatureDeps): FleetFeature {
  const history = new FleetHistory(deps.dataDir);
  const service = new FleetService({ ...deps, history });
  return { service, handlers: fleetHandlers(service) };
}
