import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { contractSubprotocol, readDataFrame, tokenSubprotocolPrefix } from '../../../../contract/transport';
import type { BatchDeckApp } from '../../../../main/app';
import { EventBus } from '../../../../main/events';
import type { Logger } from '../../../../main/log';
import { ContractRouter, type InvokeHandlers } from '../../../../main/router';
import { startWebHost, type RunningWebHost } from '../../../../main/web/web-host';
import { openSocket } from './raw-http';

const token = 'frames-token-314';
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('terminal output over the web host socket', () => {
  let host: RunningWebHost;
  let events: EventBus;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'bd-web-frames-'));
    writeFileSync(join(rendererDir, 'index.html'), '<html>app</html>');
    events = new EventBus();
    const app: BatchDeckApp = { router: new ContractRouter({} as InvokeHandlers, quiet), events, dispose: async () => undefined };
    host = await startWebHost({ app, log: quiet, rendererDir, token });
  });

  afterAll(async () => {
    await host.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('arrives as binary frames that decode to the same text, seq and char count, in order with the JSON events around them', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const { ws } = await openSocket(host.port, origin, [contractSubprotocol, `${tokenSubprotocolPrefix}${token}`]);
    const socket = ws as WebSocket;
    const received: { binary: boolean; raw: Buffer }[] = [];
    const all = new Promise<void>((resolve) =>
      socket.on('message', (raw, binary) => {
        received.push({ binary, raw: raw as Buffer });
        if (received.length === 3) resolve();
      }),
    );
    const sessionId = 'term-0f8c1e2a-1b2c-4d5e-8f90-123456789abc';
    // Multi-byte text, CR/LF and an escape sequence: everything JSON would have had to escape.
    const text = 'héllo ✓ 🚀\r\n\x1b[1;31mred\x1b[0m "quoted" \\ done';
    events.emit('term:status', { sessionId, status: { state: 'connected' } });
    events.emit('term:data', { sessionId, data: text, seq: 1_234_567 });
    events.emit('term:exit', { sessionId, exitCode: 0, signal: null });
    await all;
    socket.close();

    expect(received.map((m) => m.binary)).toEqual([false, true, false]);
    expect(JSON.parse(received[0]!.raw.toString()).event).toBe('term:status');
    const frame = readDataFrame(new Uint8Array(received[1]!.raw));
    expect(frame && { ...frame, bytes: new TextDecoder().decode(frame.bytes) }).toEqual({ sessionId, seq: 1_234_567, chars: text.length, bytes: text });
    expect(JSON.parse(received[2]!.raw.toString()).event).toBe('term:exit');
  });

  it('a frame of another kind or cut short is not mistaken for terminal output', () => {
    expect(readDataFrame(new Uint8Array([2, 0]))).toBeUndefined();
    expect(readDataFrame(new Uint8Array([1, 40, 65]))).toBeUndefined();
  });
});
