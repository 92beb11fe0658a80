import { RestError, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { callIdHeader, type CallRegistry } from './call-registry';

/** The name the pipeline knows the policy by. */
export const attemptTimeoutPolicyName = 'batchAttemptTimeoutPolicy';

/**
 * Gives each attempt its own deadline. The pipeline's request `timeout` ends an attempt with an AbortError, which the
 * retry policy never resends and callers would take for a cancel; here a late answer fails as ETIMEDOUT instead, so
 * the retry policy resends it like any dropped connection, while the caller's own signal still cancels at once.
 */
export function attemptTimeoutPolicy(registry: CallRegistry): PipelinePolicy {
  return {
    name: attemptTimeoutPolicyName,
    async sendRequest(request, next) {
      const timeoutMs = registry.find(request.headers.get(callIdHeader))?.timeoutMs ?? 0;
      if (timeoutMs <= 0) return next(request);
      const callerSignal = request.abortSignal;
      const attempt = new AbortController();
      const cancel = (): void => attempt.abort();
      callerSignal?.addEventListener('abort', cancel, { once: true });
      if (callerSignal?.aborted) attempt.abort();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attempt.abort();
      }, timeoutMs);
      request.abortSignal = attempt.signal;
      try {
        return await next(request);
      } catch (error) {
        if (timedOut && !callerSignal?.aborted) {
          throw new RestError(`Batch did not answer within ${timeoutMs / 1000} s.`, { code: 'ETIMEDOUT', request });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener('abort', cancel);
        request.abortSignal = callerSignal;
      }
    },
  };
}
