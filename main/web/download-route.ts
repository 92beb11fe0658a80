import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentHeader, type BrowserDownloads } from '../files/browser-downloads';
import { contentSecurityPolicy } from '../security/csp';

/** Where the page fetches a file main prepared for it: `/download/<id>`. */
export const downloadPrefix = '/download/';

/**
 * Serves one prepared download (the web host already checked the target and the Host): GET only, never to another
 * site's page (`Sec-Fetch-Site` cross-site is refused), the id is single use and short lived, the body streams from
 * main's temp file as an attachment with a safe name, and the temp file is removed once the response ends.
 */
export function serveDownload(req: IncomingMessage, res: ServerResponse, downloads: BrowserDownloads | undefined, pathname: string): void {
  const text = (status: number, message: string): void => void res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(message);
  if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return text(403, 'Batch Deck serves downloads only to its own page.\n');
  const file = downloads?.take(pathname.slice(downloadPrefix.length));
  if (!file) return text(404, 'This download is not available: it was already fetched, has expired, or never existed. Download the file again from Batch Deck.\n');
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(file.size),
    'content-disposition': attachmentHeader(file.name),
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.once('close', file.release);
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
