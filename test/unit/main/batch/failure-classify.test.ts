import { RestError } from '@azure/ms-rest-js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchClientFactory } from '../../../../main/accounts/batch-client-factory';
import { batchCall, type BatchContext } from '../../../../main/batch/batch-call';
import { isRetryable, retryInfoOf, withRetry } from '../../../../main/batch/retry';
import { toBatchFailure } from '../../../../main/batch/service-error';

/** Errors as Node and @azure/batch 10.2.0 really throw them, captured from real requests on loopback. */
const real: Record<string, unknown> = {};
const factory = new BatchClientFactory(async () => ({ proxyUrl: undefined }));
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

async function sdkList(url: string): Promise<unknown> {
  const client = await factory.sharedKey(url, 'acct', key);
  return caught(() => client.pool.list());
}

beforeAll(async () => {
  const closed = await listen(() => undefined);
  await closed.close();
  real['SDK: connection refused (FetchError ECONNREFUSED)'] = await sdkList(closed.url);
  real['fetch(): TypeError fetch failed, cause ECONNREFUSED'] = await caught(() => fetch(`${closed.url}/`));
  real['SDK: DNS failure (RestError REQUEST_SEND_ERROR)'] = await sdkList('http://nosuch.invalid');
  const hangUp = await listen((req) => req.socket.destroy());
  real['SDK: socket hang up (FetchError ECONNRESET)'] = await sdkList(hangUp.url);
  real['node:http: socket hang up'] = await caught(() => new Promise((resolve, reject) => http.get(hangUp.url, resolve).on('error', reject)));
  await hangUp.close();
  for (const [status, code] of [[503, 'ServerBusy'], [500, 'InternalError'], [429, 'TooManyRequests'], [408, 'OperationTimedOut'], [400, 'InvalidPropertyValue'], [404, 'PoolNotFound'], [409, 'PoolExists']] as const) {
    const service = await listen((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code, message: { lang: 'en-US', value: `${code} text\nRequestId:1` } }));
    });
    real[`SDK: HTTP ${status} ${code}`] = await sdkList(service.url);
    await service.close();
  }
});

afterAll(() => factory.dispose());

describe('which failures are the network and which are bugs', () => {
  const networkCases = [
    'SDK: connection refused (FetchError ECONNREFUSED)',
    'fetch(): TypeError fetch failed, cause ECONNREFUSED',
    'SDK: DNS failure (RestError REQUEST_SEND_ERROR)',
    'SDK: socket hang up (FetchError ECONNRESET)',
    'node:http: socket hang up',
  ];
  it.each(networkCases)('%s is retried and shown as unreachable', (name) => {
    const error = real[name];
    expect(isRetryable(retryInfoOf(error))).toBe(true);
    const failure = toBatchFailure(error, 'http://acct.test');
    expect(failure.code).toBe('UNREACHABLE');
    expect(failure.message).toMatch(/^Cannot reach http:\/\/acct\.test \((ECONNREFUSED|ENOTFOUND|ECONNRESET)\)/);
  });

  const transient = ['SDK: HTTP 503 ServerBusy', 'SDK: HTTP 500 InternalError', 'SDK: HTTP 429 TooManyRequests', 'SDK: HTTP 408 OperationTimedOut'];
  it.each(transient)('%s is retried and keeps what Batch said', (name) => {
    const error = real[name];
    expect(isRetryable(retryInfoOf(error))).toBe(true);
    const failure = toBatchFailure(error, 'http://acct.test');
    expect(failure.code).toBe('BATCH_ERROR');
    expect(failure.message).toMatch(/ text$/);
  });

  it.each(['SDK: HTTP 400 InvalidPropertyValue', 'SDK: HTTP 404 PoolNotFound', 'SDK: HTTP 409 PoolExists'])('%s is answered at once, not retried', (name) => {
    expect(isRetryable(retryInfoOf(real[name]))).toBe(false);
    expect(toBatchFailure(real[name], 'http://acct.test').code).toBe('BATCH_ERROR');
  });

  const bugs: [string, unknown][] = [
    ['a TypeError from our own code', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a RangeError', new RangeError('Invalid time value')],
    ['a thrown string', 'oops'],
    ['an SDK PARSE_ERROR without status', new RestError('Unexpected token < in JSON', RestError.PARSE_ERROR)],
    ['an Error whose code only looks like errno', Object.assign(new Error('bad file'), { code: 'ENOENT' })],
  ];
  it.each(bugs)('%s is not retried and becomes INTERNAL, not "unreachable"', (_name, error) => {
    expect(isRetryable(retryInfoOf(error))).toBe(false);
    expect(toBatchFailure(error, 'http://acct.test').code).toBe('INTERNAL');
  });

  it('a certificate the machine does not trust is shown as such and not retried', () => {
    const tls = Object.assign(new Error('request to https://x failed, reason: self-signed certificate'), { type: 'system', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(isRetryable(retryInfoOf(tls))).toBe(false);
    expect(toBatchFailure(tls, 'https://acct.test').message).toContain('certificate that is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)');
  });
});

describe('batchCall with a bug', () => {
  const ctx = { account: { endpoint: 'http://acct.test' } } as unknown as BatchContext;

  it('tries a TypeError once and hands it to the router untouched (logged as INTERNAL there)', async () => {
    let calls = 0;
    const bug = new TypeError('x is not a function');
    const thrown = await caught(() =>
      batchCall(ctx, async () => {
        calls++;
        throw bug;
      }),
    );
    expect(thrown).toBe(bug);
    expect(calls).toBe(1);
  });

  it('still retries a dropped connection and then says the host is unreachable', async () => {
    let calls = 0;
    const thrown = await caught(() =>
      withRetry(
        async () => {
          calls++;
          throw real['SDK: socket hang up (FetchError ECONNRESET)'];
        },
        { policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } },
      ),
    );
    expect(calls).toBe(3);
    expect(toBatchFailure(thrown, 'http://acct.test').code).toBe('UNREACHABLE');
  });
});
