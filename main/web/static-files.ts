import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../security/csp';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The renderer's files by path, read once per version (a rebuild while the host runs changes the mtime). */
const fileCache = new Map<string, { mtimeMs: number; body: Buffer }>();

/**
 * Serves the built renderer, which holds no secret (the token guards only the WebSocket): GET/HEAD only, no path
 * may leave `root`, unknown routes get index.html (the app routes in the page). `pathname` is already decoded and
 * checked by `requestPath`. Every response carries the CSP and no-sniff; no response sets a cookie.
 */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(400).end('Bad path');
    return;
  }
  // Whole from memory, in one write: no file descriptor per request, and nothing left half sent for a later turn.
  let body = read(file);
  if (!body) {
    if (extname(relative)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    file = join(root, 'index.html');
    body = read(file);
  }
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the renderer is not built (run `npm run build`).');
    return;
  }
  const isIndex = file === join(root, 'index.html');
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': isIndex ? 'no-store' : 'private, max-age=3600',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A regular file's bytes (one stat; cached while its mtime stays), or undefined for a folder or a missing file. */
function read(file: string): Buffer | undefined {
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return undefined;
    const cached = fileCache.get(file);
    if (cached?.mtimeMs === stats.mtimeMs) return cached.body;
    const body = readFileSync(file);
    fileCache.set(file, { mtimeMs: stats.mtimeMs, body });
    return body;
  } catch {
    return undefined;
  }
}
