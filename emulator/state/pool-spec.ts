import type { JsonObject, StoredPool } from './model';

/** An inbound NAT pool as stored in the pool spec (validated on add). */
export interface NatPool {
  name: string;
  protocol: 'tcp' | 'udp';
  backendPort: number;
  frontendPortRangeStart: number;
  frontendPortRangeEnd: number;
}

/** The pool's start task as stored (validated on add/patch). */
export interface StartTaskRecord {
  commandLine: string;
  environmentSettings?: { name: string; value?: string }[];
  maxTaskRetryCount?: number;
  waitForSuccess?: boolean;
}

function object(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The pool's inbound NAT pools, in the order given. */
export function natPoolsOf(pool: StoredPool): NatPool[] {
  const network = object(pool.spec.networkConfiguration);
  const endpoints = object(network?.endpointConfiguration);
  return Array.isArray(endpoints?.inboundNATPools) ? (endpoints.inboundNATPools as NatPool[]) : [];
}

/** The NAT pool that maps SSH (backend port 22), which is what gives nodes an SSH endpoint since Nov 2025. */
export function sshNatPoolOf(pool: StoredPool): NatPool | undefined {
  return natPoolsOf(pool).find((p) => p.backendPort === 22 && p.protocol === 'tcp');
}

/** The pool's start task, if any. */
export function startTaskOf(pool: StoredPool): StartTaskRecord | undefined {
  return object(pool.spec.startTask) as StartTaskRecord | undefined;
}

/** The virtual machine configuration (always present for pools the emulator accepts). */
export function vmConfigOf(pool: StoredPool): JsonObject {
  return object(pool.spec.virtualMachineConfiguration) ?? {};
}

/** Whether the pool runs a Windows node agent. */
export function isWindowsPool(pool: StoredPool): boolean {
  return String(vmConfigOf(pool).nodeAgentSKUId ?? '').toLowerCase().includes('windows');
}

/** The frontend port a node gets in a NAT pool, or undefined when the range has no port left for its slot. */
export function frontendPortFor(nat: NatPool, portSlot: number): number | undefined {
  const port = nat.frontendPortRangeStart + portSlot;
  return port <= nat.frontendPortRangeEnd ? port : undefined;
}

/** The pool's public IP provisioning in lower case: batchmanaged (the default), usermanaged or nopublicipaddresses. */
export function publicIpProvisionOf(pool: StoredPool): string {
  const network = object(pool.spec.networkConfiguration);
  const provision = object(network?.publicIPAddressConfiguration)?.provision;
  return typeof provision === 'string' ? provision.toLowerCase() : 'batchmanaged';
}

/** Whether the pool's nodes have no public IP address (so no remote-login endpoint from outside the VNet). */
export function hasNoPublicIp(pool: StoredPool): boolean {
  return publicIpProvisionOf(pool) === 'nopublicipaddresses';
}

/** Whether the pool is dual stack (ipFamilies IPv4 and IPv6): its nodes get IPv6 endpoints too. */
export function isDualStack(pool: StoredPool): boolean {
  const network = object(pool.spec.networkConfiguration);
  const families = object(network?.publicIPAddressConfiguration)?.ipFamilies;
  return Array.isArray(families) && families.includes('IPv6');
}
