import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../../main/app';
import { ConsoleFileLogger, SecretRedactor } from '../../../../main/log';
import { KeyFileCipher } from '../../../../main/store/key-file-cipher';
import { VaultSecretStore } from '../../../../main/store/vault-secret-store';
import { startWebHost, type RunningWebHost } from '../../../../main/web/web-host';

/** Sends a raw GET with full control of the Host header and path (no URL normalisation by the client). */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host guards', () => {
  let host: RunningWebHost;
  let app: ReturnType<typeof createApp>;
  let host127: string;
  const secretFile = 'top-secret-outside-renderer';

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bd-web-'));
    const rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<html>app</html>');
    writeFileSync(join(dataDir, 'outside.txt'), secretFile);
    const redactor = new SecretRedactor();
    const log = new ConsoleFileLogger(redactor, undefined, false);
    app = createApp({ host: 'web', version: '0.0.0', dataDir, secretStore: new VaultSecretStore(dataDir, new KeyFileCipher(join(dataDir, 'k'))), log, redactor });
    host = await startWebHost({ app, log, rendererDir, token: 'test-token-123' });
    host127 = `127.0.0.1:${host.port}`;
  });

  afterAll(async () => {
    await host.close();
    await app.dispose();
  });

  it('serves the app with the token, with CSP and an HttpOnly SameSite=Strict cookie', async () => {
    const res = await rawGet(host.port, '/?token=test-token-123', { host: host127 });
    expect(res.status).toBe(200);
    expect(res.body).toContain('app');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('refuses another Host name even with the right token (DNS rebinding)', async () => {
    const res = await rawGet(host.port, '/?token=test-token-123', { host: `evil.example:${host.port}` });
    expect(res.status).toBe(421);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt']) {
      const res = await rawGet(host.port, path, { host: host127, cookie: 'batchdeck_token=test-token-123' });
      expect(res.body).not.toContain(secretFile);
    }
  });

  it('accepts the cookie instead of the query token for assets', async () => {
    const res = await rawGet(host.port, '/index.html', { host: host127, cookie: 'batchdeck_token=test-token-123' });
    expect(res.status).toBe(200);
  });
});
