import { lstat, open, readdir, realpath, rm, rmdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Router } from './router';
import type { RequestContext } from './request-context';
import { header } from './request-context';
import { sendBytes, sendEmpty } from './respond';
import { fail } from './batch-error';
import { pageOf, sendPage } from './paging';
import { nodeOr404, type Emulator } from './emulator-context';
import { speaks2025 } from './api-version';
import { refOf } from '../state/node-lifecycle';
import { isoNow, newETag } from '../state/ids';
import type { JsonObject, StoredNode } from '../state/model';

interface Entry {
  name: string;
  stats: Stats;
}

function fileMode(stats: Stats): string {
  return `0${stats.mode.toString(8)}`;
}

function fileUrl(ctx: RequestContext, poolId: string, nodeId: string, name: string): string {
  return `${ctx.endpoint}/pools/${poolId}/nodes/${nodeId}/files/${name.split('/').map(encodeURIComponent).join('/')}`;
}

async function walk(root: string, relative: string, recursive: boolean, out: Entry[]): Promise<void> {
  const dir = path.join(root, relative);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const rel = relative ? `${relative}/${name}` : name;
    const stats = await lstat(path.join(root, rel)).catch(() => undefined);
    if (!stats) continue;
    out.push({ name: rel, stats });
    if (recursive && stats.isDirectory()) await walk(root, rel, true, out);
  }
}

/** The absolute path for a files-API path under `dir`; anything escaping it (or missing) is FileNotFound. */
export async function resolveUnder(dir: string, filePath: string): Promise<{ root: string; full: string }> {
  const root = await realpath(dir).catch(() => {
    throw fail.fileNotFound();
  });
  const full = path.resolve(root, filePath.replace(/\\/g, '/').replace(/^\/+/, ''));
  if (full !== root && !full.startsWith(root + path.sep)) throw fail.fileNotFound();
  const real = await realpath(full).catch(() => undefined);
  if (!real || (real !== root && !real.startsWith(root + path.sep))) throw fail.fileNotFound();
  return { root, full: real };
}

/** The node's root and the absolute path for a files-API path; anything escaping the root is FileNotFound. */
async function resolveNodePath(em: Emulator, node: StoredNode, filePath: string): Promise<{ root: string; full: string }> {
  await em.nodes.ensurePrepared(node);
  return resolveUnder(em.runtime.nodeDir(refOf(node)), filePath);
}

/** Answers a file listing of `dir` (recursive when asked); `urlOf` names a file path's URL. */
export async function sendFolderListing(ctx: RequestContext, dir: string, urlOf: (name: string) => string): Promise<void> {
  const recursive = ctx.query.get('recursive')?.toLowerCase() === 'true';
  const entries: Entry[] = [];
  await walk(dir, '', recursive, entries);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const toWire = (e: Entry): JsonObject => {
    const wire: JsonObject = { name: e.name, url: urlOf(e.name), isDirectory: e.stats.isDirectory() };
    if (!e.stats.isDirectory()) {
      wire.properties = {
        creationTime: isoNow(e.stats.birthtime),
        lastModified: isoNow(e.stats.mtime),
        // int64 travels as a string at 2025-06-01 (FileProperties.contentLength), as a number before.
        contentLength: speaks2025(ctx) ? String(e.stats.size) : e.stats.size,
        contentType: 'application/octet-stream',
        fileMode: fileMode(e.stats),
      };
    }
    return wire;
  };
  const page = pageOf(ctx, entries, (e) => e.name, toWire, { max: 1000 });
  sendPage(ctx, 'files', page);
}

async function listFiles(em: Emulator, ctx: RequestContext): Promise<void> {
  const { pool, node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  await em.nodes.ensurePrepared(node);
  await sendFolderListing(ctx, em.runtime.nodeDir(refOf(node)), (name) => fileUrl(ctx, pool.id, node.id, name));
}

function fileHeaders(ctx: RequestContext, url: string, stats: Stats): Record<string, string> {
  return {
    'Content-Type': 'application/octet-stream',
    'ocp-creation-time': stats.birthtime.toUTCString(),
    'ocp-batch-file-isdirectory': String(stats.isDirectory()),
    'ocp-batch-file-url': url,
    'ocp-batch-file-mode': fileMode(stats),
    'Last-Modified': stats.mtime.toUTCString(),
    ETag: newETag(stats.mtime),
  };
}

/** Parses `ocp-range: bytes=a-b` against a size; 416 when it cannot be satisfied. */
function parseRange(value: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!value) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) throw fail.invalidHeader('ocp-range', value);
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) throw fail.invalidRange();
  return { start, end };
}

/** Answers GET (content, honouring ocp-range) or HEAD (properties) for a resolved file; `urlOf` names its URL. */
export async function sendFile(ctx: RequestContext, root: string, full: string, urlOf: (name: string) => string): Promise<void> {
  const stats = await stat(full);
  const name = path.relative(root, full).split(path.sep).join('/');
  const headers = fileHeaders(ctx, urlOf(name), stats);
  if (ctx.method === 'HEAD') {
    sendEmpty(ctx, 200, { ...headers, 'Content-Length': stats.isDirectory() ? 0 : stats.size });
    return;
  }
  if (stats.isDirectory()) throw fail.invalidForState('The specified path is a directory; list it instead.');
  const range = parseRange(header(ctx, 'ocp-range'), stats.size);
  const start = range?.start ?? 0;
  const length = range ? range.end - range.start + 1 : stats.size;
  const handle = await open(full, 'r');
  try {
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await handle.read(bytes, 0, length, start);
    // The service answers ranged reads with 200 (not 206); the SDK rejects anything else.
    sendBytes(ctx, 200, bytes.subarray(0, bytesRead), headers);
  } finally {
    await handle.close();
  }
}

async function getFile(em: Emulator, ctx: RequestContext): Promise<void> {
  const { pool, node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  const { root, full } = await resolveNodePath(em, node, ctx.params.filePath as string);
  await sendFile(ctx, root, full, (name) => fileUrl(ctx, pool.id, node.id, name));
}

async function deleteFile(em: Emulator, ctx: RequestContext): Promise<void> {
  const { node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  const { root, full } = await resolveNodePath(em, node, ctx.params.filePath as string);
  if (full === root) throw fail.invalidForState('The node root folder cannot be deleted.');
  const stats = await lstat(full);
  const recursive = ctx.query.get('recursive')?.toLowerCase() === 'true';
  if (stats.isDirectory()) {
    if (recursive) await rm(full, { recursive: true, force: true });
    else await rmdir(full).catch(() => {
      throw fail.invalidForState('The directory is not empty; set recursive=true to delete it with its content.');
    });
  } else await rm(full);
  sendEmpty(ctx, 200);
}

/** Registers node file operations; the file path may be one encoded segment or several. */
export function addFileRoutes(router: Router, em: Emulator): void {
  router
    .add('GET', 'pools/:poolId/nodes/:nodeId/files', (ctx) => listFiles(em, ctx))
    .add('GET', 'pools/:poolId/nodes/:nodeId/files/*filePath', (ctx) => getFile(em, ctx))
    .add('HEAD', 'pools/:poolId/nodes/:nodeId/files/*filePath', (ctx) => getFile(em, ctx))
    .add('DELETE', 'pools/:poolId/nodes/:nodeId/files/*filePath', (ctx) => deleteFile(em, ctx));
}
