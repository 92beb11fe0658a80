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
  if (!isFile(file)) {
    if (extname(relative)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    file = join(root, 'index.html');
  }
  const isIndex = file === join(root, 'index.html');
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': isIndex ? 'no-store' : 'private, max-age=3600',
  });
  if (req.method === 'HEAD') res.end();
  else {
    // Whole from memory, in one write: no file descriptor per request, and nothing left half sent for a later turn.
    const body = read(file);
    if (body) res.end(body);
    else res.destroy(); // it vanished after the stat: this response ends, the host goes on
  }
}

/** The file's bytes (cached while its mtime stays), or undefined when it cannot be read. */
function read(file: string): Buffer | undefined {
  try {
    const { mtimeMs } = statSync(file);
    const cached = fileCache.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached.body;
    const body = readFileSync(file);
    fileCache.set(file, { mtimeMs, body });
    return body;
  } catch {
    return undefined;
  }
}

/** True when `path` is an existing regular file. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
