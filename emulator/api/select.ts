import type { RequestContext } from './request-context';

/** The property names of `$select`, or undefined when every property is wanted (parse once per request). */
export function selectedNames(ctx: RequestContext): ReadonlySet<string> | undefined {
  const select = ctx.query.get('$select');
  if (!select || select.trim() === '') return undefined;
  return new Set(select.split(',').map((s) => s.trim()).filter(Boolean));
}

/** Keeps only the top-level properties named in `$select` (all of them when absent). */
export function applySelect(ctx: RequestContext, wire: Record<string, unknown>): Record<string, unknown> {
  return pickSelected(wire, selectedNames(ctx));
}

/** Keeps only the top-level properties in `wanted` (all of them when undefined). */
export function pickSelected(wire: Record<string, unknown>, wanted: ReadonlySet<string> | undefined): Record<string, unknown> {
  if (!wanted) return wire;
  const result: Record<string, unknown> = {};
  for (const key in wire) if (wanted.has(key)) result[key] = wire[key];
  return result;
}
