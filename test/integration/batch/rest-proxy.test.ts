import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyChoice } from '../../../main/net/proxy-config';
import { toBatchFailure } from '../../../main/batch/service-error';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { createTestCertificates, type TestCertificates } from '../../helpers/local-authority/test-certificates';
import { startConnectProxy, type ConnectProxy } from '../accounts/connect-proxy';
import { restClientFor } from './rest-fixture';

let emulator: EmulatorProcess;
let proxy: ConnectProxy;
let certificates: TestCertificates;
let front: Server;

beforeAll(async () => {
  [emulator, proxy] = await Promise.all([startEmulatorProcess({ timeScale: 0.01 }), startConnectProxy()]);
  certificates = createTestCertificates();
  front = await tlsFront(certificates, new URL(emulator.endpoint));
});

afterAll(async () => {
  await Promise.all([emulator?.stop(), proxy?.close(), new Promise((closed) => front?.close(closed))]);
  if (certificates) rmSync(certificates.dir, { recursive: true, force: true });
});

/** An https front for the emulator with a certificate from a throwaway CA, as a Batch endpoint behind TLS inspection looks. */
async function tlsFront(tls: TestCertificates, upstream: URL): Promise<Server> {
  const server = createServer({ key: tls.serverKey, cert: tls.serverCert }, (req, res) => {
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return server;
}

describe('the proxy setting', () => {
  it('sends signed Batch requests through the proxy the app chose, and goes direct the moment the choice changes', async () => {
    let choice: ProxyChoice = { proxyUrl: proxy.url };
    const asked: string[] = [];
    const client = restClientFor(emulator, { proxyFor: async (url) => (asked.push(url), choice) });
    const host = new URL(emulator.endpoint).host;

    expect(await client.pools.list()).toEqual([]);
    expect(proxy.targets).toEqual([host]);
    expect(asked[0]).toMatch(new RegExp(`^${emulator.endpoint}/pools\\?api-version=2025-06-01`));

    choice = {};
    expect((await client.account.listSupportedImages()).length).toBeGreaterThan(0);
    expect(proxy.targets).toEqual([host]);
  });

  it('tunnels https through the proxy and trusts the extra CA the app was given (TLS inspection), direct too', async () => {
    const port = (front.address() as AddressInfo).port;
    const behindTls = { ...emulator, endpoint: `https://login.batchdeck.test:${port}` };
    const viaProxy = async (): Promise<ProxyChoice> => ({ proxyUrl: proxy.url });
    const trusting = restClientFor(behindTls, { proxyFor: viaProxy, extraCa: [certificates.caPem] });
    expect(await trusting.pools.list()).toEqual([]);
    expect(proxy.targets).toContain(`login.batchdeck.test:${port}`);

    const direct = restClientFor({ ...emulator, endpoint: `https://127.0.0.1:${port}` }, { extraCa: [certificates.caPem] });
    expect(await direct.pools.list()).toEqual([]);

    const untrusting = restClientFor(behindTls, { proxyFor: viaProxy });
    const refused = await untrusting.pools.list().catch((e: unknown) => e);
    expect(toBatchFailure(refused, behindTls.endpoint)).toMatchObject({ code: 'UNREACHABLE', message: expect.stringMatching(/certificate that is not trusted/) });
  });
});
