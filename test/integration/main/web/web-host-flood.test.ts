import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../../../../contract/transport';
import type { BatchDeckApp } from '../../../../main/app';
import { EventBus } from '../../../../main/events';
import { ConsoleFileLogger, SecretRedactor } from '../../../../main/log';
import { ContractRouter, type InvokeHandlers } from '../../../../main/router';
import { ensurePrivateDir } from '../../../../main/store/paths';
import { startWebHost, type RunningWebHost } from '../../../../main/web/web-host';
import { openSocket, rawRequest, upgradeHeaders } from './raw-http';

const token = 'flood-token-789';

/** Sends `count` pipelined GETs over one keep-alive connection and resolves with how many answers came back. */
function pipelined(port: number, request: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const marker = 'HTTP/1.1 4';
    let answers = 0;
    // A status line may be split between two chunks: count over the previous chunk's tail (too short to hold a
    // whole marker, so nothing is counted twice) plus this chunk.
    let tail = '';
    socket.on('data', (chunk) => {
      const text = tail + chunk.toString('latin1');
      answers += text.split(marker).length - 1;
      tail = text.slice(-(marker.length - 1));
      if (answers >= count) socket.destroy();
    });
    socket.on('close', () => resolve(answers));
    socket.on('error', reject);
    socket.write(request.repeat(count));
  });
}

describe('web host under a flood of unauthenticated requests', () => {
  let dataDir: string;
  let host: RunningWebHost;
  let logFile: string;

  beforeAll(async () => {
    // A data folder that does not exist yet, as on a first start: the logger creates it and logs/ inside.
    dataDir = join(mkdtempSync(join(tmpdir(), 'bd-web-flood-')), 'data');
    logFile = join(dataDir, 'logs', 'main.log');
    const rendererDir = mkdtempSync(join(tmpdir(), 'bd-web-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<html>app</html>');
    const log = new ConsoleFileLogger(new SecretRedactor(), logFile, false);
    const app: BatchDeckApp = { router: new ContractRouter({} as InvokeHandlers, log), events: new EventBus(), dispose: async () => undefined };
    host = await startWebHost({ app, log, rendererDir, token });
  });

  afterAll(async () => {
    await host.close();
  });

  it('creates the data folder and logs/ readable by this user only (0700)', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
  });

  it('keeps main.log small after 10,000 refused requests, says how many it refused, and keeps serving', async () => {
    const authority = `127.0.0.1:${host.port}`;
    const wrongHost = `GET / HTTP/1.1\r\nhost: evil.example:${host.port}\r\n\r\n`;
    const malformedTarget = `GET //[ HTTP/1.1\r\nhost: ${authority}\r\n\r\n`;
    const answered = await Promise.all([
      ...Array.from({ length: 8 }, () => pipelined(host.port, wrongHost, 500)),
      ...Array.from({ length: 8 }, () => pipelined(host.port, malformedTarget, 500)),
    ]);
    expect(answered.reduce((sum, n) => sum + n, 0)).toBe(8_000);
    // 2,000 socket upgrades without the token, 50 at a time: each one is a connection of its own.
    for (let round = 0; round < 40; round += 1) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => rawRequest(host.port, '/ws', upgradeHeaders(authority, `http://${authority}`))));
      expect(batch.every((res) => res.status === 401)).toBe(true);
    }

    expect((await rawRequest(host.port, '/', { host: authority })).status).toBe(200);
    const { ws } = await openSocket(host.port, `http://${authority}`, [contractSubprotocol, `${tokenSubprotocolPrefix}${token}`]);
    expect(ws?.protocol).toBe(contractSubprotocol);
    ws?.close();

    await host.close();
    const log = readFileSync(logFile, 'utf8');
    expect(log.length).toBeLessThan(4096);
    expect(log).toContain('refused 9990 more requests');
    for (const kind of ['wrong Host', 'malformed target', 'no token']) expect(log).toMatch(new RegExp(`\\d+ ${kind}`));
  }, 180_000);
});

describe('the data folder', () => {
  it('is tightened to 0700 when an older version left it readable by others, and logs/ with it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bd-web-perm-')), 'data');
    mkdirSync(join(dir, 'logs'), { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'logs'), 0o755);
    ensurePrivateDir(dir);
    new ConsoleFileLogger(new SecretRedactor(), join(dir, 'logs', 'main.log'), false).info('test', 'hello');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'logs', 'main.log')).mode & 0o777).toBe(0o600);
  });
});
