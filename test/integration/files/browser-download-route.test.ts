import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type BatchDeckApp } from '../../../main/app';
import { BrowserDownloads } from '../../../main/files/browser-downloads';
import { ConsoleFileLogger, SecretRedactor } from '../../../main/log';
import { KeyFileCipher } from '../../../main/store/key-file-cipher';
import { VaultSecretStore } from '../../../main/store/vault-secret-store';
import { startWebHost, type RunningWebHost } from '../../../main/web/web-host';
import { rawRequest } from '../main/web/raw-http';

// The web host's browser download: main fetched a file into its own temp folder (here written directly, as a finished
// transfer leaves it; files-emulator.test.ts drives the real transfers), and the page fetches /download/<id> once.
describe('web host browser download route', () => {
  let app: BatchDeckApp;
  let host: RunningWebHost;
  let hostHeader: Record<string, string>;
  const secret = 'outside-the-download-folder';

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bd-download-route-'));
    const rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<html>app</html>');
    writeFileSync(join(dataDir, 'outside.txt'), secret);
    const redactor = new SecretRedactor();
    const log = new ConsoleFileLogger(redactor, undefined, false);
    app = createApp({ host: 'web', version: '0.0.0', dataDir, secretStore: new VaultSecretStore(dataDir, new KeyFileCipher(join(dataDir, 'k'))), log, redactor });
    host = await startWebHost({ app, log, rendererDir, token: 'route-token' });
    hostHeader = { host: `127.0.0.1:${host.port}` };
  });

  afterAll(async () => {
    await host.close();
    await app.dispose();
  });

  /** Offers `content` under `name` as a finished transfer would leave it. */
  async function offered(name: string, content: string): Promise<{ href: string; file: string }> {
    const slot = await (app.downloads as BrowserDownloads).reserve(name);
    const file = join(slot.dir, name);
    writeFileSync(file, content);
    return { href: slot.href, file };
  }

  it('serves the bytes once as an attachment with a safe name, then removes the temp file and refuses a second fetch', async () => {
    const content = `stdout of task-1\n${randomBytes(8).toString('hex')}\n`;
    const { href, file } = await offered('std "out" ü.txt', content);
    const first = await rawRequest(host.port, href, hostHeader);
    expect(first.status).toBe(200);
    expect(first.body).toBe(content);
    expect(first.head.toLowerCase()).toContain(`content-disposition: attachment; filename="std _out_ _.txt"; filename*=utf-8''std%20%22out%22%20%c3%bc.txt`);
    expect(first.head.toLowerCase()).toContain('cache-control: no-store');
    await expect.poll(() => existsSync(file)).toBe(false);
    const second = await rawRequest(host.port, href, hostHeader);
    expect(second.status).toBe(404);
    expect(second.body).toContain('already fetched');
  });

  it('refuses without the id, with a made-up id, under another Host, from another site, or with another method', async () => {
    const { href } = await offered('kept.txt', 'kept');
    expect((await rawRequest(host.port, '/download/', hostHeader)).status).toBe(404);
    expect((await rawRequest(host.port, `/download/${randomBytes(32).toString('base64url')}`, hostHeader)).status).toBe(404);
    expect((await rawRequest(host.port, href, { host: `localhost:${host.port}` })).status).toBe(421);
    expect((await rawRequest(host.port, href, { ...hostHeader, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await rawRequest(host.port, href, hostHeader, 'POST')).status).toBe(405);
    // None of the refusals used the download up.
    const served = await rawRequest(host.port, href, { ...hostHeader, 'sec-fetch-site': 'same-origin' });
    expect(served.status).toBe(200);
    expect(served.body).toBe('kept');
  });

  it('never serves a path outside the download folder', async () => {
    await offered('x.txt', 'x');
    for (const target of ['/download/../outside.txt', '/download/..%2Foutside.txt', '/download/%2E%2E/%2E%2E/outside.txt', `/download/..%2F..%2F..%2F..${tmpdir()}`]) {
      const res = await rawRequest(host.port, target, hostHeader);
      expect(res.body).not.toContain(secret);
      expect(res.status === 404 || res.status === 400 || res.body.includes('<html>app</html>')).toBe(true);
    }
  });

  it('waits for the transfer: an id whose file is not there yet is refused without being used up', async () => {
    const slot = await (app.downloads as BrowserDownloads).reserve('late.txt');
    expect((await rawRequest(host.port, slot.href, hostHeader)).status).toBe(404);
    writeFileSync(join(slot.dir, 'late.txt'), 'arrived');
    const res = await rawRequest(host.port, slot.href, hostHeader);
    expect(res.status).toBe(200);
    expect(res.body).toBe('arrived');
  });

  it('an offer expires: after its lifetime the id serves nothing and its folder is removed', async () => {
    const downloads = new BrowserDownloads(1);
    try {
      const slot = await downloads.reserve('old.txt');
      writeFileSync(join(slot.dir, 'old.txt'), 'old');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(downloads.take(slot.id)).toBeUndefined();
      await expect.poll(() => existsSync(slot.dir)).toBe(false);
    } finally {
      downloads.dispose();
    }
  });
});
