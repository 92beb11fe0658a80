import { ContractFailure } from '../../contract/result';
import { networkCodeOf } from '../batch/network-failure';
import type { BatchRestClient } from '../batch/rest/batch-rest-client';
import { isServiceOrNetworkFailure, toBatchFailure } from '../batch/service-error';

/** How long a check may wait for an answer before the host counts as unreachable. */
const checkTimeoutMs = 20_000;

/**
 * Proves that an account works with one real call: list pools (one page). Used before saving a shared-key account
 * (`maxResults: 1`, with a client built without resends so a wrong host is reported at once, not after backoff) and
 * for the pool count on the account card (the account's own client). A wrong key (403) is never resent.
 */
export async function listPoolsOnce(client: BatchRestClient, endpoint: string, maxResults: number): Promise<{ poolCount: number; morePools: boolean }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), checkTimeoutMs);
  try {
    const page = await client.pools.firstPage({ maxResults, signal: abort.signal });
    return { poolCount: page.pools.length, morePools: page.more };
  } catch (error) {
    if (abort.signal.aborted) {
      throw new ContractFailure('UNREACHABLE', `${endpoint} did not answer within ${checkTimeoutMs / 1000} seconds. Check the URL, your network and proxy.`);
    }
    // A bug (TypeError, …) goes to the router untouched: logged and shown as INTERNAL, not as "unreachable".
    if (!isServiceOrNetworkFailure(error)) throw error;
    throw toAccountFailure(error, endpoint);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * toBatchFailure plus what accounts need on top: a rejected bearer token (401) is an authentication failure, and a
 * 403's message is the service's own AuthenticationFailed text (the long signature detail stays in `details`).
 */
export function toAccountFailure(error: unknown, endpoint: string): ContractFailure {
  const failure = toBatchFailure(error, endpoint);
  const details = failure.details as { serviceCode?: string; statusCode?: number; values?: { key: string; value: string }[] } | undefined;
  if (failure.code === 'AUTH_FAILED' || details?.statusCode === 401) {
    const serviceText = serviceMessageOf(error);
    const code = details?.serviceCode ?? 'AuthenticationFailed';
    const reason = details?.values?.find((v) => v.key === 'AuthenticationErrorDetail')?.value;
    const bearer = details?.statusCode === 401 && reason ? ` ${reason}` : '';
    return new ContractFailure('AUTH_FAILED', `${code}: ${serviceText || 'Authentication failed.'}${bearer}`, failure.details);
  }
  const networkCode = failure.code === 'UNREACHABLE' ? networkCodeOf(error) : undefined;
  if (networkCode === 'ENOTFOUND' || networkCode === 'EAI_AGAIN') {
    return new ContractFailure('UNREACHABLE', `The host of ${endpoint} was not found (DNS). Check the account URL.`, failure.details);
  }
  return failure;
}

/** The service's message value without its RequestId/Time trailer. */
function serviceMessageOf(error: unknown): string {
  const body = (error as { body?: { message?: { value?: string } | string } })?.body;
  const raw = typeof body?.message === 'object' ? body.message?.value : body?.message;
  return (raw ?? '').split('\nRequestId:')[0]?.trim() ?? '';
}
