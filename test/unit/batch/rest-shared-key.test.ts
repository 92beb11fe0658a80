import { createHttpHeaders, createPipelineRequest, type PipelineRequest } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { verifySharedKey } from '../../../emulator/auth/shared-key';
import { parseQuery } from '../../../emulator/api/request-context';
import { batchStringToSign, sharedKeyPolicy } from '../../../main/batch/rest/shared-key-policy';

const key = Buffer.from('a key of thirty-two bytes exactly').toString('base64');
const fixedNow = new Date('2026-11-30T06:00:00Z');

/** Runs the policy and returns the request as it would leave (the next policy only captures it). */
async function signed(init: { method: PipelineRequest['method']; url: string; body?: string; headers?: Record<string, string> }): Promise<PipelineRequest> {
  const request = createPipelineRequest({ url: init.url, method: init.method, body: init.body, headers: createHttpHeaders(init.headers) });
  let sent: PipelineRequest | undefined;
  await sharedKeyPolicy('acct', key, () => fixedNow).sendRequest(request, async (r) => {
    sent = r;
    return { request: r, status: 200, headers: createHttpHeaders() };
  });
  return sent as PipelineRequest;
}

/** What the emulator's verifier (the service's rules) says about a signed request. */
function verdict(request: PipelineRequest, account = 'acct', base64Key = key) {
  const url = new URL(request.url);
  return verifySharedKey(
    { method: request.method, headers: request.headers.toJSON(), rawPath: url.pathname, query: parseQuery(url.search.slice(1)) },
    request.headers.get('authorization') ?? '',
    account,
    base64Key,
    fixedNow.getTime(),
  );
}

describe('SharedKey signing', () => {
  it('writes the string to sign in the documented order: verb, standard headers, ocp- headers, resource, sorted query', async () => {
    const request = await signed({
      method: 'POST',
      url: 'https://acct.westeurope.batch.azure.com/pools/p%2F1/resize?maxresults=10&api-version=2025-06-01',
      body: '{"targetDedicatedNodes":2}',
      headers: { 'content-type': 'application/json; odata=minimalmetadata', 'ocp-range': 'bytes=0-9' },
    });
    expect(batchStringToSign(request, 'acct', '26')).toBe(
      'POST\n\n\n26\n\napplication/json; odata=minimalmetadata\n\n\n\n\n\n\n' +
        'ocp-date:Mon, 30 Nov 2026 06:00:00 GMT\nocp-range:bytes=0-9\n' +
        '/acct/pools/p%2F1/resize\napi-version:2025-06-01\nmaxresults:10',
    );
    expect(request.headers.get('authorization')).toMatch(/^SharedKey acct:[A-Za-z0-9+/]+=*$/);
  });

  it('is accepted by the service rules for bodies, body-less posts, encoded paths and OData queries', async () => {
    const cases = [
      { method: 'GET' as const, url: "https://h/pools?api-version=2025-06-01&%24filter=id%20eq%20'a%20b'&%24select=id,state" },
      { method: 'POST' as const, url: 'https://h/pools/p/stopresize?api-version=2025-06-01' },
      { method: 'PUT' as const, url: 'https://h/pools/p/nodes/n/users/%C3%A9quipe?api-version=2025-06-01', body: '{"password":"pässwörd ✓"}' },
      { method: 'HEAD' as const, url: 'https://h/pools/p/nodes/n/files/startup%2Fstdout.txt?api-version=2025-06-01' },
    ];
    for (const c of cases) expect(verdict(await signed(c)), `${c.method} ${c.url}`).toEqual({ ok: true });
  });

  it('counts the body in UTF-8 bytes and signs an empty POST as Content-Length 0', async () => {
    const unicode = await signed({ method: 'PUT', url: 'https://h/x?api-version=2025-06-01', body: '"é✓"' });
    expect(unicode.headers.get('content-length')).toBe('7');
    const empty = await signed({ method: 'POST', url: 'https://h/x?api-version=2025-06-01' });
    expect(empty.headers.get('content-length')).toBe('0');
    const get = await signed({ method: 'GET', url: 'https://h/x?api-version=2025-06-01' });
    expect(get.headers.has('content-length')).toBe(false);
  });

  it('is refused for another key, another account, or a changed query', async () => {
    const request = await signed({ method: 'GET', url: 'https://h/pools?api-version=2025-06-01' });
    expect(verdict(request, 'acct', Buffer.from('another key').toString('base64')).ok).toBe(false);
    expect(verdict(request, 'other').ok).toBe(false);
    request.url = 'https://h/pools?api-version=2025-06-01&maxresults=1';
    expect(verdict(request).ok).toBe(false);
  });

  it('stamps a fresh ocp-date on every attempt, so a resend after a long Retry-After is still within 15 minutes', async () => {
    let now = new Date('2026-11-30T06:00:00Z');
    const policy = sharedKeyPolicy('acct', key, () => now);
    const request = createPipelineRequest({ url: 'https://h/pools?api-version=2025-06-01', method: 'GET' });
    const dates: string[] = [];
    const next = async (r: PipelineRequest) => (dates.push(r.headers.get('ocp-date') ?? ''), { request: r, status: 200, headers: createHttpHeaders() });
    await policy.sendRequest(request, next);
    now = new Date('2026-11-30T06:20:00Z');
    await policy.sendRequest(request, next);
    expect(dates).toEqual(['Mon, 30 Nov 2026 06:00:00 GMT', 'Mon, 30 Nov 2026 06:20:00 GMT']);
  });
});
