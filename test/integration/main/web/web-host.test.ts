import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../../../../contract/transport';
import { createApp } from '../../../../main/app';
import { ConsoleFileLogger, SecretRedactor } from '../../../../main/log';
import { KeyFileCipher } from '../../../../main/store/key-file-cipher';
import { VaultSecretStore } from '../../../../main/store/vault-secret-store';
import { startWebHost, type RunningWebHost } from '../../../../main/web/web-host';
import { callOver, openSocket, rawRequest, upgradeHeaders } from './raw-http';

const token = 'test-token-123';
const withToken = [contractSubprotocol, `${tokenSubprotocolPrefix}${token}`];

describe('web host guards', () => {
  let host: RunningWebHost;
  let app: ReturnType<typeof createApp>;
  let host127: string;
  let rendererDir: string;
  const secretFile = 'top-secret-outside-renderer';

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bd-web-'));
    rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<html>app</html>');
    writeFileSync(join(dataDir, 'outside.txt'), secretFile);
    const redactor = new SecretRedactor();
    const log = new ConsoleFileLogger(redactor, undefined, false);
    app = createApp({ host: 'web', version: '0.0.0', dataDir, secretStore: new VaultSecretStore(dataDir, new KeyFileCipher(join(dataDir, 'k'))), log, redactor });
    host = await startWebHost({ app, log, rendererDir, token });
    host127 = `127.0.0.1:${host.port}`;
  });

  afterAll(async () => {
    await host.close();
    await app.dispose();
  });

  it('prints an address that carries the token only in the fragment, which browsers never send', () => {
    expect(host.url).toBe(`http://${host127}/#token=${token}`);
  });

  it('serves the page without any token, with CSP, and never sets a cookie', async () => {
    const res = await rawRequest(host.port, '/', { host: host127 });
    expect(res.status).toBe(200);
    expect(res.body).toContain('app');
    expect(res.head.toLowerCase()).toContain("content-security-policy: default-src 'self'");
    expect(res.head.toLowerCase()).not.toContain('set-cookie');
  });

  it('serves a file rebuilt while the host runs as it is now, not as first read', async () => {
    const file = join(rendererDir, 'rebuilt.js');
    writeFileSync(file, 'first build');
    expect((await rawRequest(host.port, '/rebuilt.js', { host: host127 })).body).toContain('first build');
    writeFileSync(file, 'second build, longer');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect((await rawRequest(host.port, '/rebuilt.js', { host: host127 })).body).toContain('second build, longer');
  });

  it('answers 400 to malformed request targets, with or without the token, and keeps serving', async () => {
    const targets = ['//[', 'http://[', '/%E0%A4%A', '/%c0%ae%c0%ae/', '/%', '/a b', '*', '//evil.example/x'];
    for (const target of targets) {
      const attempts = [
        rawRequest(host.port, target, { host: host127 }),
        rawRequest(host.port, target, { host: host127, 'sec-websocket-protocol': withToken.join(', '), cookie: `batchdeck_token=${token}` }),
        rawRequest(host.port, target, upgradeHeaders(host127, `http://${host127}`)),
        rawRequest(host.port, target, upgradeHeaders(host127, `http://${host127}`, token)),
      ];
      expect((await Promise.all(attempts)).map((res) => `${target} → ${res.status}`)).toEqual(attempts.map(() => `${target} → 400`));
    }
    expect((await rawRequest(host.port, '/', { host: host127 })).status).toBe(200);
    const { ws } = await openSocket(host.port, `http://${host127}`, withToken);
    expect(ws?.protocol).toBe(contractSubprotocol);
    ws?.close();
  });

  it('refuses another Host name (DNS rebinding), for the page and for the socket', async () => {
    expect((await rawRequest(host.port, '/', { host: `evil.example:${host.port}` })).status).toBe(421);
    const upgrade = await rawRequest(host.port, '/ws', upgradeHeaders(`evil.example:${host.port}`, `http://${host127}`, token));
    expect(upgrade.status).toBe(421);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/..%5coutside.txt']) {
      const res = await rawRequest(host.port, path, { host: host127 });
      expect(res.body).not.toContain(secretFile);
    }
  });

  it('opens the socket only with the right token, its own Origin and the contract subprotocol, which it echoes', async () => {
    const origin = `http://${host127}`;
    expect((await openSocket(host.port, origin, [contractSubprotocol])).status).toBe(401);
    expect((await openSocket(host.port, origin, [contractSubprotocol, `${tokenSubprotocolPrefix}wrong-token-456`])).status).toBe(401);
    expect((await openSocket(host.port, 'http://127.0.0.1:1', withToken)).status).toBe(403);
    expect((await openSocket(host.port, undefined, withToken)).status).toBe(403);
    expect((await openSocket(host.port, origin, [`${tokenSubprotocolPrefix}${token}`])).status).toBe(400);
    const query = await rawRequest(host.port, `/ws?token=${token}`, upgradeHeaders(host127, origin));
    expect(query.status).toBe(401);

    const { ws } = await openSocket(host.port, origin, withToken);
    if (!ws) throw new Error('the socket with the right token did not open');
    expect(ws.protocol).toBe(contractSubprotocol);
    const settings = await callOver(ws, 'settings:get', {});
    expect(settings.ok).toBe(true);
    ws.close();
  });
});
