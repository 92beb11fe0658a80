import type { BatchServiceClient } from '@azure/batch';
import type { ActiveAccount } from '../accounts/batch-client-source';
import type { AccountRef } from '../../contract/features/batch-models';
import { withRetry, type RetryableError } from './retry';
import { isServiceOrNetworkFailure, toBatchFailure } from './service-error';

/** One Batch call's context: the active account and its client. */
export interface BatchContext {
  account: ActiveAccount;
  client: BatchServiceClient;
}

/** Options for {@link batchCall}. */
export interface BatchCallOptions {
  signal?: AbortSignal;
  /** Narrows retries, e.g. a create is never resent after a dropped connection. */
  retryIf?: (info: RetryableError) => boolean;
}

/**
 * Runs one SDK call with the app's retry policy. What Batch answered or a network failure becomes a ContractFailure
 * saying so; a bug (a TypeError, …) is rethrown untouched so the router logs it and answers INTERNAL.
 */
export async function batchCall<T>(ctx: BatchContext, attempt: () => Promise<T>, options: BatchCallOptions = {}): Promise<T> {
  try {
    return await withRetry(attempt, options);
  } catch (error) {
    if (!isServiceOrNetworkFailure(error)) throw error;
    throw toBatchFailure(error, ctx.account.endpoint);
  }
}

/** The account as results name it (no secrets). */
export function accountRef(account: ActiveAccount): AccountRef {
  return { id: account.id, name: account.name, endpoint: account.endpoint };
}

/** A page of an SDK list: the items plus the service's next link. */
export type SdkPage<T> = T[] & { odatanextLink?: string };

/**
 * Follows `odata.nextLink` until the last page, each page with the retry policy; `onPage` hears the running total.
 * The SDK requests the next link as-is (it already carries api-version, maxresults and the skip token).
 */
export async function listAllPages<T>(
  ctx: BatchContext,
  first: () => Promise<SdkPage<T>>,
  next: (link: string) => Promise<SdkPage<T>>,
  options: { signal?: AbortSignal; onPage?: (loaded: number) => void } = {},
): Promise<T[]> {
  const items: T[] = [];
  let page = await batchCall(ctx, first, options);
  for (;;) {
    for (const item of page) items.push(item);
    options.onPage?.(items.length);
    const link = page.odatanextLink;
    if (!link) return items;
    page = await batchCall(ctx, () => next(link), options);
  }
}

/** An ISO string for a date the SDK deserialized (or passed through as text). */
export function isoOf(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
