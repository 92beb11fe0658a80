import type { RequestContext } from './request-context';
import { header } from './request-context';
import type { BatchApiError } from './batch-error';
import { isoNow } from '../state/ids';

/** The content type the service answers JSON with. */
export const JSON_CONTENT_TYPE = 'application/json;odata=minimalmetadata';

/** `odata.metadata` for a response fragment such as `pools/@Element`. */
export function metadataUrl(ctx: RequestContext, fragment: string): string {
  return `${ctx.endpoint}/$metadata#${fragment}`;
}

function baseHeaders(ctx: RequestContext, extra: Record<string, string | number>): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'request-id': ctx.requestId,
    DataServiceVersion: '3.0',
    Server: 'Microsoft-HTTPAPI/2.0',
    'X-Content-Type-Options': 'nosniff',
  };
  const clientRequestId = header(ctx, 'client-request-id');
  if (clientRequestId && header(ctx, 'return-client-request-id')?.toLowerCase() === 'true') {
    headers['client-request-id'] = clientRequestId;
  }
  return { ...headers, ...extra };
}

/** Sends a JSON body with the service's headers (HEAD gets the headers only). */
export function sendJson(ctx: RequestContext, status: number, body: unknown, extra: Record<string, string | number> = {}): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  ctx.res.writeHead(status, baseHeaders(ctx, { 'Content-Type': JSON_CONTENT_TYPE, 'Content-Length': payload.length, ...extra }));
  ctx.res.end(ctx.method === 'HEAD' ? undefined : payload);
}

/** Sends a status with no body (201/202/200 acknowledgements, HEAD answers). */
export function sendEmpty(ctx: RequestContext, status: number, extra: Record<string, string | number> = {}): void {
  ctx.res.writeHead(status, baseHeaders(ctx, { 'Content-Length': 0, ...extra }));
  ctx.res.end();
}

/** Sends raw bytes (node file content) with the given headers. */
export function sendBytes(ctx: RequestContext, status: number, bytes: Buffer, extra: Record<string, string | number>): void {
  ctx.res.writeHead(status, baseHeaders(ctx, { 'Content-Length': bytes.length, ...extra }));
  ctx.res.end(ctx.method === 'HEAD' ? undefined : bytes);
}

/** Sends a Batch error body; the message carries RequestId and Time lines as the service's do. */
export function sendError(ctx: RequestContext, error: BatchApiError): void {
  const body: Record<string, unknown> = {
    'odata.metadata': metadataUrl(ctx, 'Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element'),
    code: error.code,
    message: { lang: 'en-US', value: `${error.text}\nRequestId:${ctx.requestId}\nTime:${isoNow()}` },
  };
  if (error.values.length > 0) body.values = error.values;
  if (ctx.method === 'HEAD' || error.status === 304) {
    sendEmpty(ctx, error.status, error.headers);
    return;
  }
  sendJson(ctx, error.status, body, error.headers);
}
