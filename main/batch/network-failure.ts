/**
 * Which thrown things are real network failures. Only these are shown as "cannot reach"; anything else without an
 * HTTP status is a bug in Batch Deck and must surface as INTERNAL.
 */

/** Node/OS error codes that mean the connection failed, not the request and not our code. */
const networkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** TLS verification failures: the host answered but could not be trusted. Not retried, but not a bug either. */
const tlsCodes = /^(CERT_|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_)/;

/** Azure's HTTP pipelines report "could not send" (DNS, or retries exhausted without an answer) with this code. */
const sendError = 'REQUEST_SEND_ERROR';

interface ErrorShape {
  code?: unknown;
  type?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  name?: unknown;
}

/**
 * The network error code behind `error` (e.g. `ECONNRESET`), or undefined when it is not a network failure.
 * Looks through `cause` (undici's `TypeError: fetch failed`) and AggregateError's `errors` (Node's happy eyeballs),
 * reads the pipeline's REQUEST_SEND_ERROR (the errno may be only in its message) and node-fetch's `request-timeout`.
 */
export function networkCodeOf(error: unknown): string | undefined {
  return visit(error, 0, (shape) => {
    const code = typeof shape.code === 'string' ? shape.code : undefined;
    const message = typeof shape.message === 'string' ? shape.message : '';
    if (code && networkCodes.has(code)) return code;
    if (/socket hang up/i.test(message)) return 'ECONNRESET';
    if (shape.type === 'request-timeout') return 'ETIMEDOUT';
    if (code === sendError) return [...networkCodes].find((c) => message.includes(c)) ?? sendError;
    return undefined;
  });
}

/** The TLS verification code behind `error` (e.g. `CERT_HAS_EXPIRED`), or undefined. */
export function tlsCodeOf(error: unknown): string | undefined {
  return visit(error, 0, (shape) => (typeof shape.code === 'string' && tlsCodes.test(shape.code) ? shape.code : undefined));
}

/** True when `error` is a cancellation (an aborted signal or a pipeline's REQUEST_ABORTED_ERROR), not a failure. */
export function isAbort(error: unknown): boolean {
  const shape = (error ?? {}) as ErrorShape;
  return shape.name === 'AbortError' || shape.code === 'REQUEST_ABORTED_ERROR' || shape.code === 'ABORT_ERR';
}

/** Depth-first over the error, its cause chain and aggregated errors; the first hit wins. */
function visit(error: unknown, depth: number, test: (shape: ErrorShape) => string | undefined): string | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const shape = error as ErrorShape;
  const hit = test(shape);
  if (hit) return hit;
  const nested = [shape.cause, ...(Array.isArray(shape.errors) ? (shape.errors as unknown[]) : [])];
  for (const inner of nested) {
    const found = visit(inner, depth + 1, test);
    if (found) return found;
  }
  return undefined;
}
