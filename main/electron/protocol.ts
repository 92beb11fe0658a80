import { net, protocol } from 'electron';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../security/csp';
import { appScheme } from './window-options';

/** Must run before `app.ready`: makes app:// a standard, secure origin (so fetch, storage and CSP behave). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer at app://batch-deck/ with the CSP; no path may leave `rendererDir`. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const pathname = decodeURIComponent(new URL(request.url).pathname);
    const relative = normalize(pathname).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(rendererDir, extname(relative) ? relative : 'index.html');
    if (!file.startsWith(rendererDir + sep)) return new Response('Bad path', { status: 400 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
