import type { Router } from './router';
import type { RequestContext } from './request-context';
import { jsonBody } from './request-context';
import { fail } from './batch-error';
import { checkConditions } from './conditions';
import { activePool, type Emulator } from './emulator-context';
import { acknowledge } from './pool-routes';
import { str } from './validate';
import { validateAutoScaleInterval } from './validate-pool';
import { touchPool } from '../state/pool-allocator';

/**
 * Enables auto scaling: the formula and interval are validated and stored (the pool then reports enableAutoScale
 * and refuses manual resizes, as the service does). The emulator does not evaluate formulas: the pool keeps its size.
 */
function enableAutoScale(em: Emulator, ctx: RequestContext): void {
  const pool = activePool(em, ctx.params.poolId as string);
  checkConditions(ctx, pool.eTag, pool.lastModified, 'write');
  const body = jsonBody(ctx);
  const formula = str(body, 'autoScaleFormula');
  validateAutoScaleInterval(body);
  if (formula === undefined && pool.spec.autoScaleFormula === undefined) throw fail.missingProperty('autoScaleFormula');
  if (formula !== undefined && formula.trim() === '') throw fail.invalidProperty('autoScaleFormula', 'The formula must not be empty.', formula);
  if (pool.allocationState !== 'steady') throw fail.poolBeingResized();
  pool.spec.enableAutoScale = true;
  if (formula !== undefined) pool.spec.autoScaleFormula = formula;
  if (body.autoScaleEvaluationInterval !== undefined) pool.spec.autoScaleEvaluationInterval = body.autoScaleEvaluationInterval;
  touchPool(pool);
  em.store.changed();
  acknowledge(ctx, pool, 200);
}

/** Disables auto scaling: the pool keeps its current size and accepts manual resizes again. */
function disableAutoScale(em: Emulator, ctx: RequestContext): void {
  const pool = activePool(em, ctx.params.poolId as string);
  checkConditions(ctx, pool.eTag, pool.lastModified, 'write');
  pool.spec.enableAutoScale = false;
  delete pool.spec.autoScaleFormula;
  delete pool.spec.autoScaleEvaluationInterval;
  touchPool(pool);
  em.store.changed();
  acknowledge(ctx, pool, 200);
}

/** Registers enableautoscale and disableautoscale. */
export function addAutoScaleRoutes(router: Router, em: Emulator): void {
  router
    .add('POST', 'pools/:poolId/enableautoscale', (ctx) => enableAutoScale(em, ctx))
    .add('POST', 'pools/:poolId/disableautoscale', (ctx) => disableAutoScale(em, ctx));
}
