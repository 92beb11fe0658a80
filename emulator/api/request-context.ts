import type { IncomingMessage, ServerResponse } from 'node:http';
import { BatchApiError, fail } from './batch-error';
import type { JsonObject } from '../state/model';

/** Everything a route handler needs about one request. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** The path exactly as sent (still percent-encoded); SharedKey signs it this way. */
  readonly rawPath: string;
  /** The raw query string without `?`. */
  readonly rawQuery: string;
  /** Query parameters, decoded as the SDK's signer decodes them (first occurrence wins, `+` is a space). */
  readonly query: ReadonlyMap<string, string>;
  readonly requestId: string;
  /** The request's api-version once the pipeline checked it ('' for admin calls). */
  apiVersion: string;
  /** `http://127.0.0.1:PORT`: the base of every URL the emulator hands out. */
  readonly endpoint: string;
  body: Buffer;
  /** Path parameters filled by the router, decoded. */
  params: Record<string, string>;
}

function decodeQueryPart(input: string): string | null {
  try {
    return decodeURIComponent(input.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Parses a query string the way the SDK's SharedKey signer (querystringify) does. */
export function parseQuery(raw: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of raw.matchAll(/([^=?#&]+)=?([^&]*)/g)) {
    const key = decodeQueryPart(part[1] ?? '');
    const value = decodeQueryPart(part[2] ?? '');
    if (key === null || value === null || result.has(key)) continue;
    result.set(key, value);
  }
  return result;
}

/** The request body as a JSON object; an empty or malformed body is the service's InvalidRequestBody. */
export function jsonBody(ctx: RequestContext): JsonObject {
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') throw fail.invalidBody('The request body is empty.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fail.invalidBody(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail.invalidBody('The request body must be a JSON object.');
  }
  return value as JsonObject;
}

/** The body as a JSON object when one was sent (optional bodies such as reboot options), else an empty object. */
export function optionalJsonBody(ctx: RequestContext): JsonObject {
  return ctx.body.length === 0 || ctx.body.toString('utf8').trim() === '' ? {} : jsonBody(ctx);
}

/** A header value as one string (repeated headers joined), or undefined. */
export function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Whether an error is one the REST layer answers with a Batch error body. */
export function isBatchError(error: unknown): error is BatchApiError {
  return error instanceof BatchApiError;
}
