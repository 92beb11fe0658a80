import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RequestContext, parseQuery, isBatchError } from './request-context';
import { fail } from './batch-error';
import { sendError } from './respond';
import type { Router } from './router';
import { ADMIN_PREFIX, isLoopback } from './admin-routes';
import { authenticate, type AccountCredentials } from '../auth/authenticate';
import type { Faults } from '../faults';
import { SUPPORTED_API_VERSIONS } from './api-version';


const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Everything the pipeline needs. */
export interface PipelineDeps {
  batch: Router;
  admin: Router;
  account: AccountCredentials;
  faults: Faults;
  endpoint: () => string;
  log: (message: string) => void;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(fail.bodyTooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function checkApiVersion(ctx: RequestContext): void {
  const version = ctx.query.get('api-version');
  if (version === undefined || version === '') throw fail.missingQuery('api-version');
  if (!SUPPORTED_API_VERSIONS.has(version)) throw fail.invalidQuery('api-version', version, 'The specified api version is not supported.');
  ctx.apiVersion = version;
}

async function dispatch(deps: PipelineDeps, ctx: RequestContext): Promise<void> {
  ctx.body = await readBody(ctx.req);
  if (ctx.rawPath === ADMIN_PREFIX || ctx.rawPath.startsWith(`${ADMIN_PREFIX}/`)) {
    // Admin calls change what every client sees: loopback only, and signed with the account key.
    if (!isLoopback(ctx.req.socket.remoteAddress)) throw fail.authenticationFailed('Admin requests are accepted from loopback only.');
    await authenticate(ctx, deps.account);
    const admin = deps.admin.match(ctx.method, ctx.rawPath);
    ctx.params = admin.params;
    await admin.handler(ctx);
    return;
  }
  const decision = await deps.faults.apply(ctx.rawPath);
  if (decision.kind === 'drop') {
    ctx.req.socket.destroy();
    return;
  }
  await authenticate(ctx, deps.account);
  checkApiVersion(ctx);
  const match = deps.batch.match(ctx.method, ctx.rawPath);
  ctx.params = match.params;
  await match.handler(ctx);
}

/** The HTTP handler: faults, authentication, api-version, routing, and Batch error bodies for every failure. */
export function createRequestHandler(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1);
    const ctx: RequestContext = {
      req, res, method: (req.method ?? 'GET').toUpperCase(), rawPath, rawQuery, query: parseQuery(rawQuery),
      requestId: randomUUID(), apiVersion: '', endpoint: deps.endpoint(), body: Buffer.alloc(0), params: {},
    };
    dispatch(deps, ctx).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (isBatchError(error)) {
        sendError(ctx, error);
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        sendError(ctx, fail.fileNotFound());
        return;
      }
      deps.log(`Internal error on ${ctx.method} ${rawPath}: ${(error as Error).stack ?? String(error)}`);
      sendError(ctx, fail.internalError());
    });
  };
}
