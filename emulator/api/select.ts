import type { RequestContext } from './request-context';

/** Keeps only the top-level properties named in `$select` (all of them when absent). */
export function applySelect(ctx: RequestContext, wire: Record<string, unknown>): Record<string, unknown> {
  const select = ctx.query.get('$select');
  if (!select || select.trim() === '') return wire;
  const wanted = new Set(select.split(',').map((s) => s.trim()).filter(Boolean));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wire)) if (wanted.has(key)) result[key] = value;
  return result;
}
