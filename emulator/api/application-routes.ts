import type { Router } from './router';
import type { RequestContext } from './request-context';
import { metadataUrl, sendJson } from './respond';
import { fail } from './batch-error';
import { pageOf, sendPage } from './paging';
import type { Emulator } from './emulator-context';
import type { JsonObject, StoredApplication } from '../state/model';

function applicationWire(app: StoredApplication): JsonObject {
  const wire: JsonObject = { id: app.id, versions: app.versions };
  if (app.displayName !== undefined) wire.displayName = app.displayName;
  return wire;
}

function listApplications(em: Emulator, ctx: RequestContext): void {
  sendPage(ctx, 'applications', pageOf(ctx, em.store.allApplications(), (a) => a.id, applicationWire, { max: 1000 }));
}

function getApplication(em: Emulator, ctx: RequestContext): void {
  const id = (ctx.params.applicationId as string).toLowerCase();
  const app = em.store.allApplications().find((a) => a.id.toLowerCase() === id);
  if (!app) throw fail.applicationNotFound();
  sendJson(ctx, 200, { 'odata.metadata': metadataUrl(ctx, 'applications/@Element'), ...applicationWire(app) });
}

/**
 * Registers the application operations. The account's packages are whatever the admin endpoint registered (none at
 * first): packages are managed through ARM, which the emulator does not serve.
 */
export function addApplicationRoutes(router: Router, em: Emulator): void {
  router
    .add('GET', 'applications', (ctx) => listApplications(em, ctx))
    .add('GET', 'applications/:applicationId', (ctx) => getApplication(em, ctx));
}
