import { isRestError, type PipelinePolicy, type PipelineResponse } from '@azure/core-rest-pipeline';
import { callIdHeader, type CallRegistry, type CallSettings } from './call-registry';

/** The name the pipeline knows the observer by. */
export const retryObserverPolicyName = 'batchRetryObserverPolicy';

/** Connection errors the pipeline's exponential strategy resends (its isSystemError list). */
const resentConnectionErrors = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND']);

/** Connection errors that prove the request never reached the service, so even a create may be sent again. */
const neverSent = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ENOENT']);

/** Error thrown instead of a dropped create: not a RestError, so the retry policy passes it up without resending. */
export class NotResentError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'NotResentError';
  }
}

/** Retry-After in ms for a 429/503, as the pipeline's throttling strategy reads it (retry-after-ms, x-ms-retry-after-ms, Retry-After). */
export function retryAfterMs(response: PipelineResponse): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  for (const [name, factor] of [['retry-after-ms', 1], ['x-ms-retry-after-ms', 1], ['retry-after', 1000]] as const) {
    const raw = response.headers.get(name);
    if (raw === undefined) continue;
    const seconds = Number(raw);
    if (Number.isFinite(seconds)) return seconds * factor;
    const at = Date.parse(raw);
    if (name === 'retry-after' && Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  return undefined;
}

/** Whether the pipeline's default retry policy will resend after this response (throttling or exponential strategy). */
function resendsResponse(response: PipelineResponse): boolean {
  if (retryAfterMs(response) !== undefined) return true;
  return (response.status >= 500 || response.status === 408) && response.status !== 501 && response.status !== 505;
}

/** The service's error code of a failed attempt: the x-ms-error-code header, else the Batch error body's `code`. */
function serviceCode(response: PipelineResponse): string | undefined {
  const header = response.headers.get('x-ms-error-code');
  if (header) return header;
  try {
    const code = (JSON.parse(response.bodyAsText ?? '') as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function notify(settings: CallSettings, maxRetries: number, statusCode: number | undefined, code: string | undefined, delayMs: number | undefined): void {
  if (settings.attempts > maxRetries) return;
  settings.onRetry?.({ retry: settings.attempts, ...(statusCode ? { statusCode } : {}), ...(code ? { code } : {}), ...(delayMs !== undefined ? { delayMs } : {}) });
}

/**
 * Sits right after the pipeline's retry policy and sees every attempt: tells the call's `onRetry` before each resend
 * the retry policy will make (with the Retry-After wait when the service gave one), and stops a dropped create from
 * being resent when the service may already have acted on it.
 */
export function retryObserverPolicy(registry: CallRegistry, maxRetries: number): PipelinePolicy {
  return {
    name: retryObserverPolicyName,
    async sendRequest(request, next) {
      const settings = registry.find(request.headers.get(callIdHeader));
      if (!settings) return next(request);
      settings.attempts++;
      try {
        const response = await next(request);
        if (resendsResponse(response)) notify(settings, maxRetries, response.status, serviceCode(response), retryAfterMs(response));
        return response;
      } catch (error) {
        if (!isRestError(error) || request.abortSignal?.aborted) throw error;
        if (error.response) {
          if (resendsResponse(error.response)) notify(settings, maxRetries, error.response.status, serviceCode(error.response), retryAfterMs(error.response));
          throw error;
        }
        const code = error.code ?? 'REQUEST_SEND_ERROR';
        if (!settings.resendAfterDrop && !neverSent.has(code)) throw new NotResentError(code, error.message);
        if (resentConnectionErrors.has(code)) notify(settings, maxRetries, undefined, code, undefined);
        throw error;
      }
    },
  };
}
