import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchServiceError } from '../../../main/batch/rest/batch-service-error';
import { toBatchFailure } from '../../../main/batch/service-error';
import type { RetryNotice } from '../../../main/batch/rest/call-registry';
import { noblePool, restClientFor, setFaults, withRestEmulator } from './rest-fixture';

const world = withRestEmulator();

afterEach(async () => {
  await setFaults(world.client, undefined);
});

/** A client whose backoff (at least 250 ms) leaves time to lift the faults before it resends. */
function patientClient() {
  return restClientFor(world.emulator, { retry: { retryDelayMs: 500, maxRetryDelayMs: 1000 } });
}

/** A retry hook that records what it hears and lifts the emulator's faults at the first resend. */
function liftFaultsOnFirstRetry(notices: RetryNotice[]): (notice: RetryNotice) => void {
  return (notice) => {
    notices.push(notice);
    if (notices.length === 1) void setFaults(world.client, undefined).catch(() => undefined);
  };
}

describe('retries through the pipeline', () => {
  it('waits the Retry-After a 429 asks for, then resends and succeeds', async () => {
    await setFaults(world.client, { rate429: 1, retryAfterSeconds: 1, pathPrefix: '/pools' });
    const notices: RetryNotice[] = [];
    const started = Date.now();
    const pools = await world.client.pools.list({ onRetry: liftFaultsOnFirstRetry(notices) });
    expect(pools).toEqual([]);
    expect(notices).toEqual([{ retry: 1, statusCode: 429, code: 'TooManyRequests', delayMs: 1000 }]);
    // Backoff here is 10–50 ms: only the service's Retry-After can account for a full second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('resends after 503 ServerBusy and after a dropped connection', async () => {
    await setFaults(world.client, { rate503: 1, retryAfterSeconds: 1, pathPrefix: '/supportedimages' });
    const busy: RetryNotice[] = [];
    expect((await world.client.account.listSupportedImages({ onRetry: liftFaultsOnFirstRetry(busy) })).length).toBeGreaterThan(0);
    expect(busy).toEqual([{ retry: 1, statusCode: 503, code: 'ServerBusy', delayMs: 1000 }]);

    await setFaults(world.client, { rateDrop: 1, pathPrefix: '/pools' });
    const dropped: RetryNotice[] = [];
    expect(await patientClient().pools.list({ onRetry: liftFaultsOnFirstRetry(dropped) })).toEqual([]);
    expect(dropped).toEqual([{ retry: 1, code: expect.stringMatching(/^E[A-Z]+$/) }]);
  });

  it('resends an attempt that got no answer in time, as a timeout rather than a cancel', async () => {
    await setFaults(world.client, { latencyMs: 5000, pathPrefix: '/pools' });
    const notices: RetryNotice[] = [];
    expect(await patientClient().pools.list({ timeoutMs: 300, onRetry: liftFaultsOnFirstRetry(notices) })).toEqual([]);
    expect(notices).toEqual([{ retry: 1, code: 'ETIMEDOUT' }]);
  });

  it('gives up after the last resend with the service error, each resend announced', async () => {
    await setFaults(world.client, { rate429: 1, retryAfterSeconds: 0, pathPrefix: '/pools' });
    const notices: RetryNotice[] = [];
    const error = await world.client.pools.list({ onRetry: (n) => notices.push(n) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchServiceError);
    expect(error).toMatchObject({ statusCode: 429, code: 'TooManyRequests' });
    expect(notices.map((n) => n.retry)).toEqual([1, 2, 3, 4]);
  });

  it('does not send a create again after the connection dropped, and says so', async () => {
    await setFaults(world.client, { rateDrop: 1, pathPrefix: '/pools' });
    const notices: RetryNotice[] = [];
    const error = await world.client.pools.create(noblePool('maybe'), { onRetry: (n) => notices.push(n) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchServiceError);
    expect((error as BatchServiceError).message).toMatch(/not sent again because Batch may already have acted on it/);
    expect(notices).toEqual([]);
  });

  it('stops waiting and rejects with an AbortError when the caller cancels during a Retry-After', async () => {
    await setFaults(world.client, { rate429: 1, retryAfterSeconds: 60, pathPrefix: '/pools' });
    const abort = new AbortController();
    const started = Date.now();
    const error = await world.client.pools.list({ signal: abort.signal, onRetry: () => abort.abort() }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('reports an endpoint nobody answers at as unreachable after the resends', async () => {
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const { port } = closed.address() as AddressInfo;
    await new Promise((shut) => closed.close(shut));
    const nobody = restClientFor({ ...world.emulator, endpoint: `http://127.0.0.1:${port}` });
    const notices: RetryNotice[] = [];
    const error = await nobody.pools.list({ onRetry: (n) => notices.push(n) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', statusCode: undefined });
    expect(notices.map((n) => n.code)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(toBatchFailure(error, nobody.endpoint)).toMatchObject({ code: 'UNREACHABLE' });
  });

  it('rejects at once with an AbortError when cancelled before sending', async () => {
    const abort = new AbortController();
    abort.abort();
    const error = await world.client.pools.list({ signal: abort.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });
});
