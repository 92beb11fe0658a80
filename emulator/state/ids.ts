import { randomBytes } from 'node:crypto';

/** .NET ticks between 0001-01-01 and the Unix epoch, per millisecond ×10,000: the service's ETags are tick counts. */
const EPOCH_TICKS = 621_355_968_000_000_000n;
let lastTicks = 0n;

/** A new ETag shaped like the service's (`0x8DE62B7366BDE4C`), strictly increasing within this process. */
export function newETag(at: Date = new Date()): string {
  let ticks = BigInt(at.getTime()) * 10_000n + EPOCH_TICKS;
  if (ticks <= lastTicks) ticks = lastTicks + 1n;
  lastTicks = ticks;
  return `0x${ticks.toString(16).toUpperCase()}`;
}

/** A node id like the service's: `tvmps_<64 hex>_d` for dedicated, `_p` for Spot/low-priority nodes. */
export function newNodeId(isDedicated: boolean): string {
  return `tvmps_${randomBytes(32).toString('hex')}_${isDedicated ? 'd' : 'p'}`;
}

/** The private address of the n-th node of a pool (10.0.0.4 upwards, as an Azure subnet hands them out). */
export function privateIpFor(serial: number): string {
  const n = serial + 4;
  return `10.0.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** ISO-8601 UTC with the seven fractional digits the service writes. */
export function isoNow(at: Date = new Date()): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}
