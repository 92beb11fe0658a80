import { fail } from './batch-error';
import { bool, int, objects, obj, oneOf, str } from './validate';
import type { JsonObject } from '../state/model';

const NAT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,75}[A-Za-z0-9_])?$/;
const RESERVED_BACKEND_PORTS = new Set([29876, 29877]);
const RESERVED_FRONTEND = { start: 50000, end: 55000 };
const MAX_NAT_POOLS = 5;
const MAX_NSG_RULES = 25;
const MIN_RANGE_PORTS = 40;
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9.]*$/;

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function validPrefix(prefix: string): boolean {
  if (prefix === '*' || SERVICE_TAG.test(prefix)) return true;
  const [ip, bits, extra] = prefix.split('/');
  if (extra !== undefined || !ip || !isIpv4(ip)) return false;
  return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
}

function portRanges(ranges: unknown): void {
  if (ranges === undefined || ranges === null) return;
  if (!Array.isArray(ranges)) throw fail.invalidProperty('sourcePortRanges', 'The value must be an array of strings.');
  const seen: [number, number][] = [];
  for (const r of ranges) {
    const m = typeof r === 'string' ? /^(?:(\*)|(\d+)(?:-(\d+))?)$/.exec(r) : null;
    if (!m) throw fail.invalidProperty('sourcePortRanges', "Each entry must be '*', a port, or a range such as 100-200.", r);
    const lo = m[1] ? 0 : Number(m[2]);
    const hi = m[1] ? 65535 : Number(m[3] ?? m[2]);
    if (hi > 65535 || lo > hi) throw fail.invalidProperty('sourcePortRanges', 'Ports must be within 0-65535 and ranges ascending.', r as string);
    if (seen.some(([a, b]) => lo <= b && a <= hi)) throw fail.invalidProperty('sourcePortRanges', 'Entries must not overlap.', r as string);
    seen.push([lo, hi]);
  }
}

function nsgRule(rule: JsonObject, priorities: Set<number>): void {
  const priority = int(rule, 'priority', { required: true, min: 150, max: 4096 }) as number;
  if (priorities.has(priority)) throw fail.invalidProperty('priority', 'Network security group rule priorities must be unique within a pool.', priority);
  priorities.add(priority);
  rule.access = oneOf(rule, 'access', ['allow', 'deny'] as const, { required: true });
  const prefix = str(rule, 'sourceAddressPrefix', { required: true }) as string;
  if (!validPrefix(prefix)) {
    throw fail.invalidProperty('sourceAddressPrefix', 'The value must be an IP address, a CIDR range, a service tag or *.', prefix);
  }
  portRanges(rule.sourcePortRanges);
}

function natPool(pool: JsonObject, seen: { names: Set<string>; backends: Set<number>; ranges: [number, number][] }, priorities: Set<number>): number {
  const name = str(pool, 'name', { required: true, max: 77, pattern: NAT_NAME, reason: 'Names contain letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore.' }) as string;
  if (seen.names.has(name.toLowerCase())) throw fail.invalidProperty('name', 'Inbound NAT pool names must be unique within a pool.', name);
  seen.names.add(name.toLowerCase());
  pool.protocol = oneOf(pool, 'protocol', ['tcp', 'udp'] as const, { required: true });
  const backend = int(pool, 'backendPort', { required: true, min: 1, max: 65535 }) as number;
  if (RESERVED_BACKEND_PORTS.has(backend)) throw fail.invalidProperty('backendPort', 'Ports 29876 and 29877 are reserved by the Batch service.', backend);
  if (seen.backends.has(backend)) throw fail.invalidProperty('backendPort', 'Backend ports must be unique within a pool.', backend);
  seen.backends.add(backend);
  const start = int(pool, 'frontendPortRangeStart', { required: true, min: 1, max: 65534 }) as number;
  const end = int(pool, 'frontendPortRangeEnd', { required: true, min: 1, max: 65534 }) as number;
  const reserved = (p: number) => p >= RESERVED_FRONTEND.start && p <= RESERVED_FRONTEND.end;
  if (reserved(start) || (start < RESERVED_FRONTEND.start && end >= RESERVED_FRONTEND.start)) {
    throw fail.invalidProperty('frontendPortRangeStart', 'Ports 50000 to 55000 are reserved by the Batch service.', start);
  }
  if (reserved(end)) throw fail.invalidProperty('frontendPortRangeEnd', 'Ports 50000 to 55000 are reserved by the Batch service.', end);
  if (end - start + 1 < MIN_RANGE_PORTS) {
    throw fail.invalidProperty('frontendPortRangeEnd', `The frontend port range must contain at least ${MIN_RANGE_PORTS} ports.`, end);
  }
  if (seen.ranges.some(([a, b]) => start <= b && a <= end)) {
    throw fail.invalidProperty('frontendPortRangeStart', 'Frontend port ranges of a pool must not overlap.', start);
  }
  seen.ranges.push([start, end]);
  const rules = objects(pool, 'networkSecurityGroupRules') ?? [];
  for (const rule of rules) nsgRule(rule, priorities);
  return rules.length;
}

/** `provision` as each version spells it: camelCase up to 2024, lower-case in BatchService.json 2025-06-01. */
const PROVISION_2022 = ['batchManaged', 'userManaged', 'noPublicIPAddresses'] as const;
const PROVISION_2025 = ['batchmanaged', 'usermanaged', 'nopublicipaddresses'] as const;

function strings(parent: JsonObject, name: string): string[] | undefined {
  const value = parent[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
    throw fail.invalidProperty(name, 'The value must be an array of non-empty strings.');
  }
  return value as string[];
}

/** Validates publicIPAddressConfiguration; returns the provisioning type in lower case (default batchmanaged). */
function validatePublicIp(publicIp: JsonObject, modern: boolean): string {
  const provision = oneOf(publicIp, 'provision', modern ? PROVISION_2025 : PROVISION_2022);
  if (provision) publicIp.provision = provision;
  const kind = (provision ?? 'batchmanaged').toLowerCase();
  const ids = strings(publicIp, 'ipAddressIds');
  if (kind === 'usermanaged' && (!ids || ids.length === 0)) throw fail.missingProperty('ipAddressIds');
  if (kind !== 'usermanaged' && ids && ids.length > 0) {
    throw fail.invalidProperty('ipAddressIds', 'Public IP address ids can be given only when provision is UserManaged.');
  }
  const families = strings(publicIp, 'ipFamilies');
  if (families) {
    const canonical = families.map((f) => ['IPv4', 'IPv6'].find((c) => c.toLowerCase() === f.toLowerCase()));
    if (canonical.some((f) => f === undefined) || new Set(canonical).size !== canonical.length || !canonical.includes('IPv4')) {
      throw fail.invalidProperty('ipFamilies', 'The value must be ["IPv4"] (single stack) or ["IPv4", "IPv6"] (dual stack).');
    }
    if (kind === 'nopublicipaddresses' && canonical.includes('IPv6')) {
      throw fail.invalidProperty('ipFamilies', 'Dual stack needs public IP addresses; it cannot be used with NoPublicIPAddresses.');
    }
    publicIp.ipFamilies = canonical;
  }
  for (const tag of objects(publicIp, 'ipTags') ?? []) {
    str(tag, 'ipTagType', { required: true });
    str(tag, 'tag', { required: true });
  }
  return kind;
}

/** Validates `networkConfiguration` as the service does (inbound NAT pools, NSG rules, public IP settings). */
export function validateNetworkConfiguration(network: JsonObject, modern = false): void {
  str(network, 'subnetId');
  oneOf(network, 'dynamicVNetAssignmentScope', ['none', 'job'] as const);
  bool(network, 'enableAcceleratedNetworking');
  const publicIp = obj(network, 'publicIPAddressConfiguration');
  const provision = publicIp && validatePublicIp(publicIp, modern);
  const endpoints = obj(network, 'endpointConfiguration');
  if (!endpoints) return;
  const pools = objects(endpoints, 'inboundNATPools');
  if (!pools) throw fail.missingProperty('inboundNATPools');
  if (provision === 'nopublicipaddresses' && pools.length > 0) {
    throw fail.invalidProperty('inboundNATPools', 'Inbound NAT pools cannot be specified when public IP provisioning is noPublicIPAddresses.');
  }
  if (pools.length > MAX_NAT_POOLS) throw fail.invalidProperty('inboundNATPools', `A pool can have at most ${MAX_NAT_POOLS} inbound NAT pools.`);
  const seen = { names: new Set<string>(), backends: new Set<number>(), ranges: [] as [number, number][] };
  const priorities = new Set<number>();
  let rules = 0;
  for (const pool of pools) rules += natPool(pool, seen, priorities);
  if (rules > MAX_NSG_RULES) {
    throw fail.invalidProperty('networkSecurityGroupRules', `A pool can have at most ${MAX_NSG_RULES} network security group rules across its inbound NAT pools.`);
  }
}
