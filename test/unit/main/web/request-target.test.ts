import { describe, expect, it } from 'vitest';
import { requestPath } from '../../../../main/web/request-target';

describe('requestPath', () => {
  it('decodes well-formed paths and drops the query', () => {
    expect(requestPath('/')).toBe('/');
    expect(requestPath('/assets/index-Ab_1.js?v=2')).toBe('/assets/index-Ab_1.js');
    expect(requestPath('/caf%C3%A9/a%20b')).toBe('/café/a b');
    expect(requestPath('/ws')).toBe('/ws');
  });

  it('refuses targets that once ended the host and every other malformed shape, without throwing', () => {
    const malformed = ['//[', 'http://[', '/%E0%A4%A', '/%c0%ae%c0%ae/', '/%', '/%zz', '*', '', 'ws', '/a b', '/a[b]', '/%00', '//evil.example/x', '/\\..\\x'];
    for (const target of malformed) expect([target, requestPath(target)]).toEqual([target, undefined]);
    expect(requestPath(undefined)).toBeUndefined();
  });

  it('keeps encoded dot segments as text for the static server to contain', () => {
    expect(requestPath('/%2e%2e/outside.txt')).toBe('/../outside.txt');
  });
});
