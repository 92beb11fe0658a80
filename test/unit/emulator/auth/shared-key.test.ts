import { describe, expect, it } from 'vitest';
import { WebResource } from '@azure/ms-rest-js';
import { BatchSharedKeyCredentials } from '@azure/batch';
import { verifySharedKey, MAX_CLOCK_SKEW_MS } from '../../../../emulator/auth/shared-key';
import { parseQuery } from '../../../../emulator/api/request-context';

const ACCOUNT = 'sandbox';
const KEY = Buffer.alloc(64, 42).toString('base64');

/** Signs like the real SDK and returns what the server sees (lower-cased headers, raw path and query). */
async function signed(method: string, url: string, opts: { body?: string; headers?: Record<string, string>; key?: string; account?: string } = {}) {
  const headers: Record<string, string> = { 'ocp-date': new Date().toUTCString(), ...opts.headers };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json; odata=minimalmetadata; charset=utf-8';
  const resource = new WebResource(url, method as 'GET', opts.body, undefined, headers);
  await new BatchSharedKeyCredentials(opts.account ?? ACCOUNT, opts.key ?? KEY).signRequest(resource);
  const serverHeaders: Record<string, string> = {};
  for (const h of resource.headers.headersArray()) serverHeaders[h.name.toLowerCase()] = h.value;
  if (opts.body !== undefined) serverHeaders['content-length'] = String(Buffer.byteLength(opts.body));
  const parsed = new URL(url);
  const request = { method, headers: serverHeaders, rawPath: parsed.pathname, query: parseQuery(parsed.search.slice(1)) };
  return { request, authorization: serverHeaders.authorization as string };
}

describe('SharedKey verification', () => {
  it('accepts what the real SDK signs: GET with $filter, POST with a body, a body-less POST, an encoded file path', async () => {
    const cases = [
      await signed('GET', "http://127.0.0.1:1/pools?api-version=2022-10-01.16.0&%24filter=state%20eq%20'active'&maxresults=10"),
      await signed('POST', 'http://127.0.0.1:1/pools?api-version=2022-10-01.16.0', { body: '{"id":"p"}' }),
      await signed('POST', 'http://127.0.0.1:1/pools/p/stopresize?api-version=2022-10-01.16.0'),
      await signed('GET', 'http://127.0.0.1:1/pools/p/nodes/n/files/startup%2Fstdout.txt?api-version=2022-10-01.16.0', { headers: { 'ocp-range': 'bytes=0-9' } }),
    ];
    for (const { request, authorization } of cases) expect(verifySharedKey(request, authorization, ACCOUNT, KEY)).toEqual({ ok: true });
  });

  it('refuses a signature made with another key and shows the string it signed', async () => {
    const { request, authorization } = await signed('GET', 'http://127.0.0.1:1/pools?api-version=2022-10-01.16.0', { key: Buffer.alloc(64, 1).toString('base64') });
    const result = verifySharedKey(request, authorization, ACCOUNT, KEY);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.detail).toContain("Server used following string to sign: 'GET\n");
  });

  it('refuses a request whose query was changed after signing', async () => {
    const { request, authorization } = await signed('GET', 'http://127.0.0.1:1/pools?api-version=2022-10-01.16.0&maxresults=10');
    const tampered = { ...request, query: parseQuery('api-version=2022-10-01.16.0&maxresults=1000') };
    expect(verifySharedKey(tampered, authorization, ACCOUNT, KEY).ok).toBe(false);
  });

  it('refuses another account name and dates more than 15 minutes off either way', async () => {
    const other = await signed('GET', 'http://127.0.0.1:1/pools?api-version=2022-10-01.16.0', { account: 'other' });
    expect(verifySharedKey(other.request, other.authorization, ACCOUNT, KEY).ok).toBe(false);
    for (const offset of [-(MAX_CLOCK_SKEW_MS + 60_000), MAX_CLOCK_SKEW_MS + 60_000]) {
      const date = new Date(Date.now() + offset).toUTCString();
      const { request, authorization } = await signed('GET', 'http://127.0.0.1:1/pools?api-version=2022-10-01.16.0', { headers: { 'ocp-date': date } });
      const result = verifySharedKey(request, authorization, ACCOUNT, KEY);
      expect(result.ok ? '' : result.detail).toMatch(/Request date header too (old|far in the future)/);
    }
  });

  it('refuses an Authorization header that is not SharedKey account:signature', () => {
    const request = { method: 'GET', headers: { 'ocp-date': new Date().toUTCString() }, rawPath: '/pools', query: new Map<string, string>() };
    expect(verifySharedKey(request, 'SharedKey nocolon', ACCOUNT, KEY).ok).toBe(false);
  });
});
