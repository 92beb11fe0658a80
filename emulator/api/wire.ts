import type { JsonObject, StoredNode, StoredPool } from '../state/model';
import { frontendPortFor, isDualStack, natPoolsOf, startTaskOf, vmConfigOf } from '../state/pool-spec';
import { REMOVED_POOL_ADD_PROPERTIES } from './removed-properties';

/** The node agent version the emulator reports. */
export const NODE_AGENT_VERSION = '1.11.8';
/** The address remote logins and inbound endpoints report: nodes listen on loopback only. */
export const PUBLIC_IP = '127.0.0.1';
/** The IPv6 address dual-stack pools report for remote login and inbound endpoints (node SSH servers listen there too). */
export const PUBLIC_IPV6 = '::1';

const SECRET_KEYS = new Set(['protectedSettings', 'accountKey', 'sasKey', 'password']);

/** A deep copy with every secret value replaced by `***` (what the admin endpoint may show of a request). */
export function maskSecrets(value: JsonObject): JsonObject {
  const mask = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(mask);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).map(([key, inner]) => [key, SECRET_KEYS.has(key) ? '***' : mask(inner)]));
  };
  return mask(value) as JsonObject;
}

/** A deep copy without the secrets the service never returns (extension protected settings, mount keys, passwords). */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  const result: JsonObject = {};
  for (const [key, v] of Object.entries(value)) if (!SECRET_KEYS.has(key)) result[key] = withoutSecrets(v);
  return result;
}

/** The start task as the service echoes it: defaults filled in. */
export function startTaskWire(pool: StoredPool): JsonObject | undefined {
  const task = startTaskOf(pool);
  if (!task) return undefined;
  return {
    userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'nonadmin' } },
    maxTaskRetryCount: 0,
    waitForSuccess: true,
    ...(withoutSecrets(task) as JsonObject),
  };
}

function vmConfigWire(pool: StoredPool): JsonObject {
  const vm = withoutSecrets(vmConfigOf(pool)) as JsonObject;
  const image = vm.imageReference as JsonObject | undefined;
  if (image && image.virtualMachineImageId === undefined && image.version === undefined) image.version = 'latest';
  return vm;
}

/**
 * A pool in wire shape (CloudPool / BatchPool), property order as the service writes it. At 2025-06-01 (`modern`)
 * the properties that version removed are left out; currentNodeCommunicationMode stays, as the official
 * 2025-06-01 Pools_GetPool examples still show it.
 */
export function poolWire(pool: StoredPool, endpoint: string, current: { dedicated: number; spot: number }, modern = false): JsonObject {
  const spec = pool.spec;
  const wire: JsonObject = {
    id: pool.id,
    displayName: spec.displayName,
    url: `${endpoint}/pools/${pool.id}`,
    eTag: pool.eTag,
    lastModified: pool.lastModified,
    creationTime: pool.creationTime,
    state: pool.state,
    stateTransitionTime: pool.stateTransitionTime,
    allocationState: pool.allocationState,
    allocationStateTransitionTime: pool.allocationStateTransitionTime,
    vmSize: String(spec.vmSize).toLowerCase(),
    resizeTimeout: pool.resizeTimeout,
    resizeErrors: pool.resizeErrors,
    currentDedicatedNodes: current.dedicated,
    currentLowPriorityNodes: current.spot,
    targetDedicatedNodes: pool.targetDedicatedNodes,
    targetLowPriorityNodes: pool.targetLowPriorityNodes,
    enableAutoScale: spec.enableAutoScale ?? false,
    autoScaleFormula: spec.autoScaleFormula,
    autoScaleEvaluationInterval: spec.enableAutoScale ? (spec.autoScaleEvaluationInterval ?? 'PT15M') : undefined,
    enableInterNodeCommunication: spec.enableInterNodeCommunication ?? false,
    networkConfiguration: withoutSecrets(spec.networkConfiguration),
    startTask: startTaskWire(pool),
    certificateReferences: spec.certificateReferences,
    applicationPackageReferences: spec.applicationPackageReferences,
    applicationLicenses: spec.applicationLicenses,
    taskSlotsPerNode: spec.taskSlotsPerNode ?? 1,
    taskSchedulingPolicy: spec.taskSchedulingPolicy ?? { nodeFillType: 'spread' },
    userAccounts: withoutSecrets(spec.userAccounts),
    metadata: spec.metadata,
    mountConfiguration: withoutSecrets(spec.mountConfiguration),
    virtualMachineConfiguration: vmConfigWire(pool),
    targetNodeCommunicationMode: spec.targetNodeCommunicationMode ?? 'default',
    resourceTags: spec.resourceTags,
    currentNodeCommunicationMode: 'simplified',
    upgradePolicy: spec.upgradePolicy,
  };
  if (modern) for (const key of REMOVED_POOL_ADD_PROPERTIES) delete wire[key];
  for (const key of Object.keys(wire)) if (wire[key] === undefined) delete wire[key];
  return wire;
}

/**
 * The inbound endpoints a node has: one per NAT pool whose range still has a port for the node's slot, and on
 * dual-stack pools an IPv6 twin named `<nat>-ipv6.<slot>` (as the service's dual-stack example shows).
 */
export function inboundEndpoints(pool: StoredPool, node: StoredNode): JsonObject[] {
  const endpoints: JsonObject[] = [];
  const dualStack = isDualStack(pool);
  for (const nat of natPoolsOf(pool)) {
    const preferred = frontendPortFor(nat, node.portSlot);
    if (preferred === undefined) continue;
    const frontendPort = nat.backendPort === 22 && node.sshPort !== undefined ? node.sshPort : preferred;
    const endpoint = { protocol: nat.protocol, frontendPort, backendPort: nat.backendPort };
    endpoints.push({ name: `${nat.name}.${node.portSlot}`, ...endpoint, publicIPAddress: PUBLIC_IP, publicFQDN: PUBLIC_IP });
    if (dualStack) endpoints.push({ name: `${nat.name}-ipv6.${node.portSlot}`, ...endpoint, publicIPAddress: PUBLIC_IPV6, publicFQDN: PUBLIC_IP });
  }
  return endpoints;
}
