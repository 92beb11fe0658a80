import type { Router } from './router';
import type { RequestContext } from './request-context';
import { jsonBody } from './request-context';
import { metadataUrl, sendEmpty, sendJson } from './respond';
import { fail } from './batch-error';
import { checkConditions } from './conditions';
import { pageOf, sendPage } from './paging';
import { activePool, currentCounts, httpDate, poolOr404, type Emulator } from './emulator-context';
import { validatePoolAdd, validatePoolPatch, validateRemoveNodes, validateResize } from './validate-pool';
import { maskSecrets, poolWire } from './wire';
import { applyEmptyPoolUpdate } from './pool-update';
import { speaks2025 } from './api-version';
import { applySelect } from './select';
import { isoNow, newETag } from '../state/ids';
import { touchPool } from '../state/pool-allocator';
import type { StoredNode, StoredPool } from '../state/model';

function poolHeaders(ctx: RequestContext, pool: StoredPool): Record<string, string> {
  const url = `${ctx.endpoint}/pools/${pool.id}`;
  return { ETag: pool.eTag, 'Last-Modified': httpDate(pool.lastModified), DataServiceId: url };
}

/** Answers a pool write with the service's headers (Location on 201/202). */
export function acknowledge(ctx: RequestContext, pool: StoredPool, status: number): void {
  const headers = poolHeaders(ctx, pool);
  sendEmpty(ctx, status, status === 201 || status === 202 ? { ...headers, Location: headers.DataServiceId as string } : headers);
}

function addPool(em: Emulator, ctx: RequestContext): void {
  const received = jsonBody(ctx);
  const created = { apiVersion: ctx.apiVersion, body: maskSecrets(received) };
  const { id, spec } = validatePoolAdd(received, speaks2025(ctx));
  const existing = em.store.pool(id);
  if (existing) throw existing.state === 'deleting' ? fail.poolBeingDeleted() : fail.poolExists();
  const now = new Date();
  const iso = isoNow(now);
  const pool: StoredPool = {
    id,
    spec,
    eTag: newETag(now),
    lastModified: iso,
    creationTime: iso,
    state: 'active',
    stateTransitionTime: iso,
    allocationState: 'resizing',
    allocationStateTransitionTime: iso,
    targetDedicatedNodes: (spec.targetDedicatedNodes as number | undefined) ?? 0,
    targetLowPriorityNodes: (spec.targetLowPriorityNodes as number | undefined) ?? 0,
    resizeTimeout: (spec.resizeTimeout as string | undefined) ?? 'PT15M',
    nodeSerial: 0,
    created,
  };
  delete spec.targetDedicatedNodes;
  delete spec.targetLowPriorityNodes;
  delete spec.resizeTimeout;
  em.store.addPool(pool);
  em.allocator.resize(pool);
  acknowledge(ctx, pool, 201);
}

function getPool(em: Emulator, ctx: RequestContext): void {
  const pool = poolOr404(em, ctx.params.poolId as string);
  checkConditions(ctx, pool.eTag, pool.lastModified, 'read');
  const body = { 'odata.metadata': metadataUrl(ctx, 'pools/@Element'), ...applySelect(ctx, poolWire(pool, ctx.endpoint, currentCounts(em, pool), speaks2025(ctx))) };
  sendJson(ctx, 200, body, { ETag: pool.eTag, 'Last-Modified': httpDate(pool.lastModified) });
}

function poolExists(em: Emulator, ctx: RequestContext): void {
  const pool = em.store.pool(ctx.params.poolId as string);
  if (!pool) {
    sendEmpty(ctx, 404);
    return;
  }
  checkConditions(ctx, pool.eTag, pool.lastModified, 'read');
  sendEmpty(ctx, 200, { ETag: pool.eTag, 'Last-Modified': httpDate(pool.lastModified) });
}

function listPools(em: Emulator, ctx: RequestContext): void {
  const page = pageOf(ctx, em.store.allPools(), (p) => p.id, (p) => poolWire(p, ctx.endpoint, currentCounts(em, p), speaks2025(ctx)), { max: 1000 });
  sendPage(ctx, 'pools', page);
}

function deletePool(em: Emulator, ctx: RequestContext): void {
  const pool = activePool(em, ctx.params.poolId as string);
  checkConditions(ctx, pool.eTag, pool.lastModified, 'write');
  em.allocator.deletePool(pool);
  sendEmpty(ctx, 202);
}

function patchPool(em: Emulator, ctx: RequestContext, replaceAll: boolean): void {
  const pool = activePool(em, ctx.params.poolId as string);
  if (!replaceAll) checkConditions(ctx, pool.eTag, pool.lastModified, 'write');
  const body = jsonBody(ctx);
  validatePoolPatch(body, speaks2025(ctx));
  const fields = ['startTask', 'certificateReferences', 'applicationPackageReferences', 'metadata', 'targetNodeCommunicationMode'];
  if (replaceAll) {
    // 2025-06-01's BatchPoolReplaceOptions requires only these two (certificate references were removed).
    const requiredLists = speaks2025(ctx) ? ['applicationPackageReferences', 'metadata'] : ['certificateReferences', 'applicationPackageReferences', 'metadata'];
    for (const name of requiredLists) {
      if (!Array.isArray(body[name])) throw fail.missingProperty(name);
    }
  }
  if (!replaceAll && speaks2025(ctx)) {
    const { dedicated, spot } = currentCounts(em, pool);
    applyEmptyPoolUpdate(pool, body, dedicated + spot);
  }
  for (const name of fields) {
    if (body[name] !== undefined && body[name] !== null) pool.spec[name] = body[name];
    else if (replaceAll && name !== 'targetNodeCommunicationMode') delete pool.spec[name];
  }
  touchPool(pool);
  em.store.changed();
  acknowledge(ctx, pool, replaceAll ? 204 : 200);
}

function resizePool(em: Emulator, ctx: RequestContext): void {
  const pool = activePool(em, ctx.params.poolId as string);
  checkConditions(ctx, pool.eTag, pool.lastModified, 'write');
  const { dedicated, spot, resizeTimeout } = validateResize(jsonBody(ctx));
  if (pool.allocationState !== 'steady') throw fail.poolBeingResized();
  if (pool.spec.enableAutoScale === true) throw fail.invalidForState('The pool has auto scaling enabled; disable it before resizing.');
  if (dedicated !== undefined) pool.targetDedicatedNodes = dedicated;
  if (spot !== undefined) pool.targetLowPriorityNodes = spot;
  if (resizeTimeout) pool.resizeTimeout = resizeTimeout;
  delete pool.resizeErrors;
  touchPool(pool);
  em.allocator.resize(pool);
  acknowledge(ctx, pool, 202);
}

function stopResize(em: Emulator, ctx: RequestContext): void {
  const pool = activePool(em, ctx.params.poolId as string);
  checkConditions(ctx, pool.eTag, pool.lastModified, 'write');
  if (pool.allocationState !== 'resizing') throw fail.invalidForState('The pool is not resizing.');
  em.allocator.stopResize(pool);
  acknowledge(ctx, pool, 202);
}

function removeNodes(em: Emulator, ctx: RequestContext): void {
  const pool = activePool(em, ctx.params.poolId as string);
  checkConditions(ctx, pool.eTag, pool.lastModified, 'write');
  const ids = validateRemoveNodes(jsonBody(ctx));
  if (pool.allocationState !== 'steady') throw fail.poolBeingResized();
  const nodes: StoredNode[] = [];
  for (const id of new Set(ids.map((i) => i.toLowerCase()))) {
    const node = em.store.node(pool.id, id);
    if (!node) throw fail.nodeNotFound();
    if (node.state !== 'leavingpool') nodes.push(node);
  }
  touchPool(pool);
  em.allocator.removeNodes(pool, nodes);
  acknowledge(ctx, pool, 202);
}

/** Registers the pool operations. */
export function addPoolRoutes(router: Router, em: Emulator): void {
  router
    .add('POST', 'pools', (ctx) => addPool(em, ctx))
    .add('GET', 'pools', (ctx) => listPools(em, ctx))
    .add('GET', 'pools/:poolId', (ctx) => getPool(em, ctx))
    .add('HEAD', 'pools/:poolId', (ctx) => poolExists(em, ctx))
    .add('DELETE', 'pools/:poolId', (ctx) => deletePool(em, ctx))
    .add('PATCH', 'pools/:poolId', (ctx) => patchPool(em, ctx, false))
    .add('POST', 'pools/:poolId/updateproperties', (ctx) => patchPool(em, ctx, true))
    .add('POST', 'pools/:poolId/resize', (ctx) => resizePool(em, ctx))
    .add('POST', 'pools/:poolId/stopresize', (ctx) => stopResize(em, ctx))
    .add('POST', 'pools/:poolId/removenodes', (ctx) => removeNodes(em, ctx));
}
