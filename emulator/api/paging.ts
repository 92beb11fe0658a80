import type { RequestContext } from './request-context';
import { fail } from './batch-error';
import { compileFilter } from './odata-filter';
import { pickSelected, selectedNames } from './select';
import { metadataUrl, sendJson } from './respond';

/** What a list operation returns on one page. */
export interface Page {
  value: Record<string, unknown>[];
  nextLink?: string;
}

/** Limits of one list operation: `maxresults` is 1–1000 for most lists, 1–10 for /nodecounts. */
export interface ListLimits {
  max: number;
}

/** The `maxresults` of a request, validated like the service does. */
export function maxResults(ctx: RequestContext, limits: ListLimits): number {
  const raw = ctx.query.get('maxresults');
  if (raw === undefined) return limits.max;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1 || n > limits.max) {
    throw fail.invalidQuery('maxresults', raw, `The value must be an integer between 1 and ${limits.max}.`);
  }
  return n;
}

/** The key a `$skiptoken` carries (the last item of the previous page), or the service's 400. */
export function decodeSkipToken(raw: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the service's error
  }
  throw fail.invalidQuery('$skiptoken', raw, 'The continuation token is not valid.');
}

/** The next link of a page that ended at `afterKey`: the same query with maxresults and a `$skiptoken`. */
export function nextLinkFor(ctx: RequestContext, take: number, afterKey: string): string {
  const params = new Map<string, string>();
  for (const [name, value] of ctx.query) if (name !== '$skiptoken' && name !== 'maxresults') params.set(name, value);
  params.set('maxresults', String(take));
  params.set('$skiptoken', Buffer.from(JSON.stringify({ after: afterKey })).toString('base64url'));
  // Names stay literal (`$skiptoken`, `$filter`) as in the service's links; values are percent-encoded.
  const query = [...params].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `${ctx.endpoint}${ctx.rawPath}?${query}`;
}

/**
 * One page of a list: items must already be sorted by `keyOf`. `$filter` and `$select` apply to the wire shape;
 * the next link is a full URL carrying api-version, maxresults and a `$skiptoken` (the SDK requests it as is).
 * Without a filter `toWire` is handed the `$select` names (parsed once per request) and may build only those.
 */
export function pageOf<T>(
  ctx: RequestContext,
  items: readonly T[],
  keyOf: (item: T) => string,
  toWire: (item: T, select?: ReadonlySet<string>) => Record<string, unknown>,
  limits: ListLimits,
): Page {
  const take = maxResults(ctx, limits);
  const filter = compileFilter(ctx.query.get('$filter'));
  const select = selectedNames(ctx);
  // A filter may test any property, so filtered lists build the whole shape and select after.
  const buildWith = filter ? undefined : select;
  const token = ctx.query.get('$skiptoken');
  let start = 0;
  if (token !== undefined) {
    const after = decodeSkipToken(token);
    let lo = 0, hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keyOf(items[mid] as T) <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const value: Record<string, unknown>[] = [];
  let lastKey = '';
  let index = start;
  for (; index < items.length && value.length < take; index++) {
    const item = items[index] as T;
    const wire = toWire(item, buildWith);
    if (filter && !filter(wire)) continue;
    value.push(pickSelected(wire, select));
    lastKey = keyOf(item);
  }
  const more = filter ? items.slice(index).some((i) => filter(toWire(i))) : index < items.length;
  return more && value.length > 0 ? { value, nextLink: nextLinkFor(ctx, take, lastKey) } : { value };
}

/** Answers a list: `odata.metadata` for the entity set, the page's items, and `odata.nextLink` when more remain. */
export function sendPage(ctx: RequestContext, entitySet: string, page: Page): void {
  const body: Record<string, unknown> = { 'odata.metadata': metadataUrl(ctx, entitySet), value: page.value };
  if (page.nextLink) body['odata.nextLink'] = page.nextLink;
  sendJson(ctx, 200, body);
}
