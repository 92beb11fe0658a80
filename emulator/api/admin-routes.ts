import { z } from 'zod';
import { Router } from './router';
import type { RequestContext } from './request-context';
import { jsonBody } from './request-context';
import { sendEmpty, sendJson } from './respond';
import { fail } from './batch-error';
import { nodeOr404, poolOr404, type Emulator } from './emulator-context';
import { parseFaultConfig, type Faults } from '../faults';
import { seedTasks } from './seed-tasks';
import { parseTrustedIssuers, type TrustedIssuers } from '../auth/trusted-issuers';

/** The prefix of every admin path: outside the Batch API's paths, so no Batch client can reach it by accident. */
export const ADMIN_PREFIX = '/_emulator';

const applicationsBody = z.array(
  z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), displayName: z.string().max(1024).optional(), versions: z.array(z.string().min(1).max(64)).min(1) }).strict(),
).max(1000);
const nodeStateBody = z.object({ state: z.enum(['unusable', 'preempted', 'upgradingos']) }).strict();

/** What admin handlers change. */
export interface AdminDeps {
  em: Emulator;
  faults: Faults;
  issuers: TrustedIssuers;
}

function badRequest(message: string) {
  return fail.invalidBody(message);
}

/** Whether a socket address is loopback (127.0.0.0/8 or ::1, also IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function setNodeState(deps: AdminDeps, ctx: RequestContext): void {
  const parsed = nodeStateBody.safeParse(jsonBody(ctx));
  if (!parsed.success) throw badRequest('Expected { "state": "unusable" | "preempted" | "upgradingos" }.');
  const { node } = nodeOr404(deps.em, ctx.params.poolId as string, ctx.params.nodeId as string);
  if (parsed.data.state === 'upgradingos') deps.em.nodes.upgradeOs(node);
  else deps.em.nodes.strand(node, parsed.data.state);
  sendJson(ctx, 200, { poolId: node.poolId, nodeId: node.id, state: node.state });
}

/**
 * Routes under /_emulator: fault injection, node faults and trusted issuers. The request pipeline only lets
 * loopback callers signed with the account's SharedKey reach them.
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = new Router();
  // The settings plus how many faults they injected so far (read-only; not part of the fault JSON).
  const faults = (ctx: RequestContext) => sendJson(ctx, 200, { ...deps.faults.current, injected: deps.faults.injected });
  router
    .add('GET', '_emulator/faults', faults)
    .add('PUT', '_emulator/faults', (ctx) => {
      try {
        deps.faults.set(parseFaultConfig(jsonBody(ctx), 'fault config'));
      } catch (error) {
        if (error instanceof Error && !('code' in error)) throw badRequest(error.message);
        throw error;
      }
      faults(ctx);
    })
    .add('DELETE', '_emulator/faults', (ctx) => {
      deps.faults.set({});
      faults(ctx);
    })
    .add('POST', '_emulator/pools/:poolId/nodes/:nodeId/state', (ctx) => setNodeState(deps, ctx))
    .add('GET', '_emulator/pools/:poolId/created', (ctx) => {
      const pool = poolOr404(deps.em, ctx.params.poolId as string);
      if (!pool.created) throw badRequest('This pool was created before the emulator recorded add-pool requests.');
      sendJson(ctx, 200, pool.created);
    })
    .add('PUT', '_emulator/trusted-issuers', (ctx) => {
      let value: unknown;
      try {
        value = JSON.parse(ctx.body.toString('utf8'));
        deps.issuers.replace(parseTrustedIssuers(value, 'trusted issuers'));
      } catch (error) {
        throw badRequest((error as Error).message);
      }
      sendEmpty(ctx, 204);
    })
    .add('PUT', '_emulator/applications', (ctx) => {
      let value: unknown;
      try {
        value = JSON.parse(ctx.body.toString('utf8'));
      } catch (error) {
        throw badRequest(`The body is not valid JSON: ${(error as Error).message}`);
      }
      const parsed = applicationsBody.safeParse(value);
      if (!parsed.success) throw badRequest('Expected [{ "id": "…", "displayName"?: "…", "versions": ["…"] }].');
      deps.em.store.replaceApplications(parsed.data);
      sendEmpty(ctx, 204);
    })
    .add('POST', '_emulator/jobs/:jobId/seedtasks', (ctx) => seedTasks(deps.em, ctx))
    .add('GET', '_emulator/health', (ctx) => sendJson(ctx, 200, { account: deps.em.accountName, pools: deps.em.store.allPools().length, trustedIssuers: deps.issuers.size }));
  return router;
}
