import { describe, expect, it } from 'vitest';
import { chooseProxy, isBypassed, isLoopbackHost } from '../../../main/net/proxy-config';

describe('proxy choice', () => {
  it('uses the setting first, then HTTPS_PROXY, https_proxy, ALL_PROXY, HTTP_PROXY', () => {
    const target = 'https://login.microsoftonline.com/organizations';
    expect(chooseProxy(target, 'http://setting:1', { HTTPS_PROXY: 'http://env:2' })).toEqual({ proxyUrl: 'http://setting:1' });
    expect(chooseProxy(target, '', { HTTPS_PROXY: 'http://env:2', HTTP_PROXY: 'http://plain:3' })).toEqual({ proxyUrl: 'http://env:2' });
    expect(chooseProxy(target, '', { https_proxy: 'http://lower:4' })).toEqual({ proxyUrl: 'http://lower:4' });
    expect(chooseProxy(target, '', { HTTP_PROXY: 'http://plain:3' })).toEqual({ proxyUrl: 'http://plain:3' });
    expect(chooseProxy(target, '', {})).toEqual({});
  });

  it('always reaches the sandbox and other loopback hosts directly', () => {
    for (const url of ['http://127.0.0.1:5000', 'http://localhost:1', 'http://[::1]:8', 'http://127.8.9.10']) {
      expect(chooseProxy(url, 'http://setting:1', {})).toEqual({});
    }
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });

  it('honours NO_PROXY entries as curl does, for the setting too', () => {
    const env = { NO_PROXY: 'internal.corp, .batch.azure.com,*.example.org,10.1.2.3,proxyless:8443' };
    expect(chooseProxy('https://acct.westeurope.batch.azure.com', 'http://setting:1', env)).toEqual({});
    expect(chooseProxy('https://internal.corp', 'http://setting:1', env)).toEqual({});
    expect(chooseProxy('https://api.internal.corp', 'http://setting:1', env)).toEqual({});
    expect(chooseProxy('https://a.example.org', 'http://setting:1', env)).toEqual({});
    expect(chooseProxy('https://10.1.2.3', 'http://setting:1', env)).toEqual({});
    expect(chooseProxy('https://management.azure.com', 'http://setting:1', env)).toEqual({ proxyUrl: 'http://setting:1' });
    expect(isBypassed('proxyless', '8443', 'proxyless:8443')).toBe(true);
    expect(isBypassed('proxyless', '443', 'proxyless:8443')).toBe(false);
    expect(isBypassed('anything', '443', '*')).toBe(true);
    expect(isBypassed('notinternal.corp', '443', 'internal.corp')).toBe(false);
  });
});
