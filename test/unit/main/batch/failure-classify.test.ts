import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBatchRestClient } from '../../../../main/batch/rest/batch-rest-client';
import { restCall } from '../../../../main/batch/rest-call';
import { isServiceOrNetworkFailure, toBatchFailure } from '../../../../main/batch/service-error';

/** Errors as Node and the 2025-06-01 client really throw them, captured from real requests on loopback. */
const real: Record<string, unknown> = {};
const key = Buffer.from('not-a-real-key').toString('base64');

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function listen(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** One pool list through the app's client, not resent, so the first failure is what we see. */
async function restList(url: string): Promise<unknown> {
  const client = createBatchRestClient({ endpoint: url, auth: { kind: 'sharedKey', accountName: 'acct', key }, retry: { maxRetries: 0 } });
  return caught(() => client.pools.list());
}

beforeAll(async () => {
  const closed = await listen(() => undefined);
  await closed.close();
  real['client: connection refused (ECONNREFUSED)'] = await restList(closed.url);
  real['fetch(): TypeError fetch failed, cause ECONNREFUSED'] = await caught(() => fetch(`${closed.url}/`));
  const hangUp = await listen((req) => req.socket.destroy());
  real['client: socket hang up (ECONNRESET)'] = await restList(hangUp.url);
  real['node:http: socket hang up'] = await caught(() => new Promise((resolve, reject) => http.get(hangUp.url, resolve).on('error', reject)));
  await hangUp.close();
  for (const [status, code] of [[503, 'ServerBusy'], [500, 'InternalError'], [429, 'TooManyRequests'], [400, 'InvalidPropertyValue'], [404, 'PoolNotFound'], [409, 'PoolExists']] as const) {
    const service = await listen((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code, message: { lang: 'en-US', value: `${code} text\nRequestId:1` } }));
    });
    real[`client: HTTP ${status} ${code}`] = await restList(service.url);
    await service.close();
  }
});

describe('which failures are the network and which are bugs', () => {
  const networkCases = ['client: connection refused (ECONNREFUSED)', 'fetch(): TypeError fetch failed, cause ECONNREFUSED', 'client: socket hang up (ECONNRESET)', 'node:http: socket hang up'];
  it.each(networkCases)('%s is shown as unreachable, naming the host and the error', (name) => {
    const error = real[name];
    expect(isServiceOrNetworkFailure(error)).toBe(true);
    const failure = toBatchFailure(error, 'http://acct.test');
    expect(failure.code).toBe('UNREACHABLE');
    expect(failure.message).toMatch(/^Cannot reach http:\/\/acct\.test \((ECONNREFUSED|ECONNRESET)\)/);
  });

  const answered = ['client: HTTP 503 ServerBusy', 'client: HTTP 500 InternalError', 'client: HTTP 429 TooManyRequests', 'client: HTTP 400 InvalidPropertyValue', 'client: HTTP 404 PoolNotFound', 'client: HTTP 409 PoolExists'];
  it.each(answered)('%s keeps what Batch said, without the RequestId trailer', (name) => {
    const failure = toBatchFailure(real[name], 'http://acct.test');
    expect(failure.code).toBe('BATCH_ERROR');
    expect(failure.message).toMatch(/^[A-Za-z]+ text$/);
    expect(failure.details).toMatchObject({ serviceCode: name.split(' ').at(-1), statusCode: Number(name.split(' ')[2]) });
  });

  const bugs: [string, unknown][] = [
    ['a TypeError from our own code', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a RangeError', new RangeError('Invalid time value')],
    ['a thrown string', 'oops'],
    ['an Error whose code only looks like errno', Object.assign(new Error('bad file'), { code: 'ENOENT' })],
  ];
  it.each(bugs)('%s becomes INTERNAL, not "unreachable"', (_name, error) => {
    expect(isServiceOrNetworkFailure(error)).toBe(false);
    expect(toBatchFailure(error, 'http://acct.test').code).toBe('INTERNAL');
  });

  it('a certificate the machine does not trust is shown as such', () => {
    const tls = Object.assign(new Error('request to https://x failed, reason: self-signed certificate'), { type: 'system', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(toBatchFailure(tls, 'https://acct.test').message).toContain('certificate that is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)');
  });
});

describe('restCall', () => {
  it('hands a bug to the router untouched (logged as INTERNAL there)', async () => {
    const bug = new TypeError('x is not a function');
    expect(
      await caught(() =>
        restCall('http://acct.test', async () => {
          throw bug;
        }),
      ),
    ).toBe(bug);
  });

  it('turns what Batch answered into a ContractFailure with its code', async () => {
    const thrown = await caught(() => restCall('http://acct.test', () => Promise.reject(real['client: HTTP 404 PoolNotFound'])));
    expect(thrown).toMatchObject({ code: 'BATCH_ERROR', details: { serviceCode: 'PoolNotFound', statusCode: 404 } });
  });
});
