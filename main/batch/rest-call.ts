import { isServiceOrNetworkFailure, toBatchFailure } from './service-error';

/**
 * Runs one call of the 2025-06-01 client (whose pipeline already resent throttled and failed attempts, Retry-After
 * honoured). What Batch answered, a network failure or a cancel becomes a ContractFailure saying so; a bug (a
 * TypeError, …) is rethrown untouched so the router logs it and answers INTERNAL.
 */
export async function restCall<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isServiceOrNetworkFailure(error)) throw error;
    throw toBatchFailure(error, endpoint);
  }
}
