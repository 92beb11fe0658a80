import type { AccountRef } from '../../../../contract/features/batch-models';
import type { PoolDraft } from './pool-draft';

/** What every section of the create form gets: the draft, a way to change it, and the messages per field. */
export interface FormSectionProps {
  draft: PoolDraft;
  change: (change: Partial<PoolDraft>) => void;
  /** The problem to show under a field (after the user touched it or tried to create). */
  error: (path: string) => string | undefined;
  warning: (path: string) => string | undefined;
  /** The account the pool goes to, once known (the sandbox's nodes see this machine as 127.0.0.1). */
  account?: AccountRef;
}

/** Fluent Field props for a path: error first, then warning. */
export function fieldState(props: Pick<FormSectionProps, 'error' | 'warning'>, path: string) {
  const error = props.error(path);
  if (error) return { validationState: 'error' as const, validationMessage: error };
  const warning = props.warning(path);
  if (warning) return { validationState: 'warning' as const, validationMessage: warning };
  return {};
}

/** A whole number from a SpinButton change (typed text or arrows). */
export function spinValue(data: { value?: number | null; displayValue?: string }, fallback: number): number {
  const raw = data.value ?? (data.displayValue !== undefined ? Number(data.displayValue) : fallback);
  return Number.isFinite(raw) ? Math.trunc(raw as number) : fallback;
}
