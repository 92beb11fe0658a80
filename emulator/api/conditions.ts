import type { RequestContext } from './request-context';
import { header } from './request-context';
import { fail } from './batch-error';

function parseDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Applies If-Match / If-None-Match / If-Modified-Since / If-Unmodified-Since against a resource's ETag and
 * last-modified time: 412 ConditionNotMet for writes, 304 for reads, as the service answers.
 */
export function checkConditions(ctx: RequestContext, eTag: string, lastModifiedIso: string, kind: 'read' | 'write'): void {
  const modified = Math.floor(Date.parse(lastModifiedIso) / 1000) * 1000;
  const status = kind === 'read' ? 304 : 412;
  const ifMatch = header(ctx, 'if-match');
  if (ifMatch && ifMatch !== '*' && !ifMatch.split(',').map((t) => t.trim().replace(/^"|"$/g, '')).includes(eTag)) throw fail.conditionNotMet(412);
  const ifNoneMatch = header(ctx, 'if-none-match');
  if (ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch.split(',').map((t) => t.trim().replace(/^"|"$/g, '')).includes(eTag))) {
    throw fail.conditionNotMet(status);
  }
  const since = parseDate(header(ctx, 'if-modified-since'));
  if (since !== undefined && modified <= since) throw fail.conditionNotMet(status);
  const unmodifiedSince = parseDate(header(ctx, 'if-unmodified-since'));
  if (unmodifiedSince !== undefined && modified > unmodifiedSince) throw fail.conditionNotMet(412);
}
