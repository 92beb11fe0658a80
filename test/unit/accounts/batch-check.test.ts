import { describe, expect, it } from 'vitest';
import { toAccountFailure } from '../../../main/accounts/batch-check';

/** The shape @azure/batch 10.2.0 throws for a service error (err.body holds the service's JSON). */
function serviceError(statusCode: number, code: string, text: string, values: { key: string; value: string }[] = []) {
  return Object.assign(new Error('[object Object]'), { statusCode, code, body: { code, message: { lang: 'en-US', value: `${text}\nRequestId:1\nTime:2026` }, values } });
}

describe('account check errors', () => {
  it("shows a 403's AuthenticationFailed message without the long signature detail", () => {
    const failure = toAccountFailure(
      serviceError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.', [{ key: 'AuthenticationErrorDetail', value: 'The MAC signature found in the HTTP request is not the same' }]),
      'https://x.y.batch.azure.com',
    );
    expect(failure.code).toBe('AUTH_FAILED');
    expect(failure.message).toBe('AuthenticationFailed: Server failed to authenticate the request.');
    expect(failure.details?.values).toEqual([{ key: 'AuthenticationErrorDetail', value: 'The MAC signature found in the HTTP request is not the same' }]);
  });

  it('says why a bearer token was rejected (401)', () => {
    const failure = toAccountFailure(
      serviceError(401, 'AuthenticationFailed', 'Server failed to authenticate the request.', [{ key: 'AuthenticationErrorDetail', value: 'The token issuer is not trusted.' }]),
      'https://x.y.batch.azure.com',
    );
    expect(failure.code).toBe('AUTH_FAILED');
    expect(failure.message).toContain('The token issuer is not trusted.');
  });

  it('calls a DNS failure what it is', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND nosuch.example'), { code: 'REQUEST_SEND_ERROR' });
    const failure = toAccountFailure(dns, 'https://nosuch.example');
    expect(failure.code).toBe('UNREACHABLE');
    expect(failure.message).toContain('was not found (DNS)');
  });
});
