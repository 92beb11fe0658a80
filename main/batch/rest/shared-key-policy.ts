import { createHmac } from 'node:crypto';
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';

/** The name the pipeline knows the SharedKey policy by. */
export const sharedKeyPolicyName = 'batchSharedKeyPolicy';

/** The standard headers whose values the string to sign carries, in order (Content-Length is handled apart). */
const signedBefore = ['content-encoding', 'content-language'] as const;
const signedAfter = [
  'content-md5', 'content-type', 'date', 'if-modified-since', 'if-match', 'if-none-match', 'if-unmodified-since', 'range',
] as const;

/**
 * Batch's SharedKey string to sign ("Authenticate requests to the Azure Batch service"): the verb; the standard
 * headers' values (Content-Length as sent, `0` for a body-less POST, else empty; Date empty because `ocp-date` is sent);
 * every `ocp-*` header lower-cased and sorted as `name:value`; then `/<account><path as sent, still percent-encoded>`
 * and each query parameter sorted by name as `\n<name>:<decoded value>` (the first one when a name repeats).
 */
export function batchStringToSign(request: PipelineRequest, accountName: string, contentLength: string): string {
  const value = (name: string): string => request.headers.get(name) ?? '';
  const lines = [request.method.toUpperCase(), ...signedBefore.map(value), contentLength, ...signedAfter.map(value)];
  let text = lines.map((line) => `${line}\n`).join('');
  const ocp: [string, string][] = [];
  for (const [name, headerValue] of request.headers) {
    const lower = name.toLowerCase();
    if (lower.startsWith('ocp-') && headerValue !== '') ocp.push([lower, headerValue]);
  }
  ocp.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, headerValue] of ocp) text += `${name}:${headerValue}\n`;
  const url = new URL(request.url);
  text += `/${accountName}${url.pathname}`;
  const query = new Map<string, string>();
  for (const [name, paramValue] of url.searchParams) if (!query.has(name)) query.set(name, paramValue);
  for (const name of [...query.keys()].sort()) text += `\n${name}:${query.get(name)}`;
  return text;
}

/** The Content-Length a request goes out with, set on the request so the signature and the wire agree. */
function settleContentLength(request: PipelineRequest): string {
  const body = request.body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const length = String(typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength);
    request.headers.set('content-length', length);
    return length;
  }
  if (body === undefined || body === null) {
    if (request.method !== 'POST') return '';
    request.headers.set('content-length', '0');
    return '0';
  }
  throw new Error('SharedKey signing needs a string or byte body; streams cannot be signed.');
}

/**
 * Signs every attempt (Sign phase, after retries, so each resend gets a fresh `ocp-date`) with
 * `Authorization: SharedKey <account>:<base64 HMAC-SHA256>`. The key never leaves this closure.
 */
export function sharedKeyPolicy(accountName: string, base64Key: string, now: () => Date = () => new Date()): PipelinePolicy {
  const key = Buffer.from(base64Key, 'base64');
  return {
    name: sharedKeyPolicyName,
    sendRequest(request, next) {
      request.headers.set('ocp-date', now().toUTCString());
      const text = batchStringToSign(request, accountName, settleContentLength(request));
      const signature = createHmac('sha256', key).update(text, 'utf8').digest('base64');
      request.headers.set('authorization', `SharedKey ${accountName}:${signature}`);
      return next(request);
    },
  };
}
