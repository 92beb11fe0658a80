/**
 * The Batch service's rules for SSH access through an inbound NAT pool (InboundNATPool and NetworkSecurityGroupRule
 * in @azure/batch's type docs; ../shared/batch-api/NOTES.md). Pure functions so the form, main and tests agree.
 */

/** Frontend ports the service keeps for itself; no NAT range may touch them. */
export const reservedFrontendPorts = { start: 50000, end: 55000 } as const;
/** The smallest frontend range the service accepts. */
export const minFrontendRangePorts = 40;
/** The highest frontend port the service accepts. */
export const maxFrontendPort = 65534;
/** Where Batch Deck puts a pool's SSH frontend range by default (the service's own examples use 15000 → 22). */
export const defaultSshFrontendStart = 15000;
/** NSG priority of the rule that admits the operator; 150 is the highest priority the service allows. */
export const operatorRulePriority = 150;
/** NSG priority of the deny-everyone-else rule, as in Microsoft's "Configure remote access" example. */
export const denyOthersRulePriority = 3500;

/** True for a dotted IPv4 address. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && (p === '0' || !p.startsWith('0')));
}

/** Why a source address prefix is not valid for an NSG rule, or undefined when it is (IP, CIDR, `*` or a tag). */
export function sourcePrefixProblem(prefix: string): string | undefined {
  const text = prefix.trim();
  if (text === '') return 'Enter your public IP address or a CIDR range (for example 203.0.113.7 or 203.0.113.0/24).';
  if (text !== prefix) return 'Remove the spaces around the address.';
  if (text === '*' || /^[A-Za-z][A-Za-z0-9.]*$/.test(text)) return undefined;
  const [ip, bits, extra] = text.split('/');
  if (extra !== undefined || !ip || !isIpv4(ip)) {
    return 'Use a single IPv4 address (10.10.10.10), a CIDR range (192.168.1.0/24), a service tag, or * for any address.';
  }
  if (bits !== undefined && !(/^\d{1,2}$/.test(bits) && Number(bits) <= 32)) return 'A CIDR prefix length is 0 to 32.';
  return undefined;
}

/** True when the prefix admits the whole internet (`*`, `0.0.0.0/0`, `Internet`): allowed, but flagged to the user. */
export function isAnyAddress(prefix: string): boolean {
  const text = prefix.trim().toLowerCase();
  return text === '*' || text === '0.0.0.0/0' || text === 'internet' || text === 'any';
}

/** Why a frontend port range is not valid for a pool of `nodeCount` nodes, or undefined when it is. */
export function frontendRangeProblem(start: number, end: number, nodeCount: number): { field: 'start' | 'end'; message: string } | undefined {
  const reserved = `Ports ${reservedFrontendPorts.start}–${reservedFrontendPorts.end} are reserved by the Batch service.`;
  if (!Number.isInteger(start) || start < 1 || start > maxFrontendPort) return { field: 'start', message: `The first port is 1 to ${maxFrontendPort}.` };
  if (!Number.isInteger(end) || end < 1 || end > maxFrontendPort) return { field: 'end', message: `The last port is 1 to ${maxFrontendPort}.` };
  if (end < start) return { field: 'end', message: 'The last port must not be below the first.' };
  if (start >= reservedFrontendPorts.start && start <= reservedFrontendPorts.end) return { field: 'start', message: reserved };
  if (end >= reservedFrontendPorts.start && end <= reservedFrontendPorts.end) return { field: 'end', message: reserved };
  if (start < reservedFrontendPorts.start && end > reservedFrontendPorts.end) return { field: 'end', message: `The range may not span ${reservedFrontendPorts.start}–${reservedFrontendPorts.end}, which the Batch service reserves.` };
  const size = end - start + 1;
  if (size < minFrontendRangePorts) return { field: 'end', message: `The range must hold at least ${minFrontendRangePorts} ports (it holds ${size}).` };
  if (size < nodeCount) return { field: 'end', message: `Each node needs its own frontend port: ${nodeCount} nodes need at least ${nodeCount} ports (the range holds ${size}).` };
  return undefined;
}

/**
 * A frontend range sized for `nodeCount` nodes with room to grow by half again, placed at 15000 when it fits below
 * the reserved block, else above it, else from port 1.
 */
export function suggestFrontendRange(nodeCount: number): { start: number; end: number } {
  const size = Math.max(100, Math.ceil(Math.max(0, nodeCount) * 1.5));
  const candidates = [defaultSshFrontendStart, reservedFrontendPorts.end + 1, 1];
  for (const start of candidates) {
    const end = start + size - 1;
    const below = end < reservedFrontendPorts.start;
    const above = start > reservedFrontendPorts.end && end <= maxFrontendPort;
    if (below || above) return { start, end };
  }
  // Larger than any single gap: the biggest range the service allows; validation then says why it is too small.
  return { start: 1, end: reservedFrontendPorts.start - 1 };
}
