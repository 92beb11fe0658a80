/** One `values` entry of a Batch error: extra detail such as the offending property or the auth failure detail. */
export interface BatchErrorDetail {
  key: string;
  value: string;
}

/** A Batch error body as the service sends it (BatchError in the 2025-06-01 spec). */
export interface BatchErrorBody {
  code: string;
  message?: { lang?: string; value: string };
  values?: BatchErrorDetail[];
}

/**
 * A failed Batch call. For an HTTP error it keeps the service's code, message value (without the RequestId/Time
 * trailer) and `values`; for a connection failure `statusCode` is absent and `code` is the connection error code
 * (ECONNREFUSED, ETIMEDOUT, …). `body` keeps the wire shape, so main/batch/service-error.ts reads it as it reads
 * the old SDK's errors.
 */
export class BatchServiceError extends Error {
  constructor(
    /** The service's error code (e.g. PoolNotFound), or the connection error code. */
    readonly code: string,
    /** What Batch said, without the RequestId/Time trailer. */
    readonly serviceMessage: string,
    readonly values: BatchErrorDetail[],
    readonly statusCode?: number,
    /** The service's `request-id` header: what Microsoft support asks for. */
    readonly requestId?: string,
    readonly body?: BatchErrorBody,
  ) {
    // No `cause`: the pipeline's errors carry the request with its Authorization header, which must never reach a log.
    super(serviceMessage || (statusCode ? `Batch returned HTTP ${statusCode} (${code}).` : code));
    this.name = 'BatchServiceError';
  }

  /** The `values` entry with this key (e.g. AuthenticationErrorDetail), if present. */
  detail(key: string): string | undefined {
    return this.values.find((v) => v.key === key)?.value;
  }
}

/** A Batch message value without the `\nRequestId:…\nTime:…` trailer the service appends. */
export function withoutTrailer(message: string): string {
  return message.split('\nRequestId:')[0]?.trim() ?? '';
}

/** Response headers as the REST client (a plain object, lower-case names) or the pipeline (HttpHeaders) gives them. */
export type ResponseHeaders = Record<string, string> | { get(name: string): string | undefined };

/** One header's value from either shape. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  return typeof headers.get === 'function' ? headers.get(name) : (headers as Record<string, string>)[name];
}

/** Whether a parsed body looks like a Batch error. */
function isErrorBody(body: unknown): body is BatchErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

/** The error for a non-success response: the service's own words when the body is a Batch error, else the status. */
export function errorFromResponse(status: number, body: unknown, headers: ResponseHeaders): BatchServiceError {
  const requestId = headerValue(headers, 'request-id');
  if (isErrorBody(body)) {
    const values = (body.values ?? []).filter((v) => v && v.key).map((v) => ({ key: String(v.key), value: String(v.value ?? '') }));
    const message = withoutTrailer(typeof body.message === 'object' ? (body.message?.value ?? '') : String(body.message ?? ''));
    return new BatchServiceError(body.code, message, values, status, requestId, { ...body, values });
  }
  const code = headerValue(headers, 'x-ms-error-code') ?? `Http${status}`;
  return new BatchServiceError(code, '', [], status, requestId);
}
