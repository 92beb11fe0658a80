/**
 * Shortens `value` in the middle when it is longer than `head + tail + 1` characters, keeping both ends: Batch node
 * ids differ at the end (`…875f_d`) and pools' prefixes matter, so `tvmps_0947…875f_d` still tells nodes apart.
 */
export function middleEllipsis(value: string, head = 10, tail = 6): string {
  if (value.length <= head + tail + 1) return value;
  return `${value.slice(0, head)}…${value.slice(value.length - tail)}`;
}
