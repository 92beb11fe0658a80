import type { ErrorCode } from './errors';

/** An error as data: what crosses the boundary instead of a thrown exception. */
export interface ContractError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The outcome of every invoke channel. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error as a failed result. */
export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/**
 * Thrown by services for expected failures; the router turns it into `{ ok: false, error }`.
 * Anything else thrown is a bug and becomes INTERNAL.
 */
export class ContractFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ContractFailure';
  }
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
