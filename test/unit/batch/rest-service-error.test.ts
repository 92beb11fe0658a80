import { describe, expect, it } from 'vitest';
import { BatchServiceError, errorFromResponse } from '../../../main/batch/rest/batch-service-error';
import { toBatchFailure } from '../../../main/batch/service-error';

const endpoint = 'https://acct.westeurope.batch.azure.com';
const headers = { 'request-id': '5b2c0f0e-0000-4000-8000-000000000001' };

describe('Batch errors from the 2025-06-01 client', () => {
  it('keep the service code, the message without its RequestId trailer, and values', () => {
    const error = errorFromResponse(
      400,
      {
        code: 'InvalidPropertyValue',
        message: { lang: 'en-US', value: 'The value provided for one of the properties in the request body is invalid.\nRequestId:abc\nTime:2026-11-30T06:00:00Z' },
        values: [{ key: 'PropertyName', value: 'securityProfile' }, { key: 'Reason', value: 'Trusted Launch needs a Gen2 image.' }],
      },
      headers,
    );
    expect(error).toMatchObject({ statusCode: 400, code: 'InvalidPropertyValue', requestId: headers['request-id'] });
    expect(error.serviceMessage).toBe('The value provided for one of the properties in the request body is invalid.');
    expect(error.detail('Reason')).toBe('Trusted Launch needs a Gen2 image.');
  });

  it('name the status when a proxy answers with something that is not a Batch error', () => {
    const error = errorFromResponse(502, '<html>Bad gateway</html>', {});
    expect(error).toMatchObject({ statusCode: 502, code: 'Http502', message: 'Batch returned HTTP 502 (Http502).' });
  });

  it('become the same contract failures the services produce today', () => {
    const auth = errorFromResponse(
      403,
      { code: 'AuthenticationFailed', message: { value: 'Server failed to authenticate the request.' }, values: [{ key: 'AuthenticationErrorDetail', value: 'The MAC signature found in the HTTP request is not the same as any computed signature.' }] },
      headers,
    );
    expect(toBatchFailure(auth, endpoint)).toMatchObject({
      code: 'AUTH_FAILED',
      message: 'Server failed to authenticate the request. The MAC signature found in the HTTP request is not the same as any computed signature.',
    });
    const conflict = errorFromResponse(409, { code: 'PoolBeingResized', message: { value: 'The specified pool is being resized.' } }, headers);
    expect(toBatchFailure(conflict, endpoint)).toMatchObject({
      code: 'BATCH_ERROR',
      message: 'The specified pool is being resized.',
      details: { serviceCode: 'PoolBeingResized', statusCode: 409, values: [] },
    });
    const refused = new BatchServiceError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', []);
    expect(toBatchFailure(refused, endpoint)).toMatchObject({ code: 'UNREACHABLE' });
    expect(toBatchFailure(refused, endpoint).message).toContain(endpoint);
  });
});
