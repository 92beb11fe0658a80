import type { ActiveAccount } from './batch-client-source';
import type { AccountRef } from '../../contract/features/batch-models';

/** What a Batch call needs to know about its account (to name it in results and errors). */
export interface BatchContext {
  account: ActiveAccount;
}

/** The account as results name it (no secrets). */
export function accountRef(account: ActiveAccount): AccountRef {
  return { id: account.id, name: account.name, endpoint: account.endpoint };
}

/** An ISO string for a date Batch sent (or a Date), undefined when absent or unreadable. */
export function isoOf(value: Date | string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
