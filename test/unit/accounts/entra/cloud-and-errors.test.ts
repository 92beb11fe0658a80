import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { toSignInFailure } from '../../../../main/accounts/entra/auth-errors';
import { batchEndpointOf } from '../../../../main/accounts/entra/arm-discovery';
import { cloudEndpoints, isWellKnownAuthority } from '../../../../main/accounts/entra/cloud-endpoints';

describe('sovereign clouds', () => {
  it('gives each cloud its own authority, ARM and Batch token scope', () => {
    expect(cloudEndpoints('public', {})).toMatchObject({
      authorityHost: 'https://login.microsoftonline.com',
      armUrl: 'https://management.azure.com',
      batchScope: 'https://batch.core.windows.net//.default',
    });
    expect(cloudEndpoints('china', {})).toMatchObject({ authorityHost: 'https://login.chinacloudapi.cn', batchScope: 'https://batch.chinacloudapi.cn//.default' });
    expect(cloudEndpoints('usgov', {})).toMatchObject({ armUrl: 'https://management.usgovcloudapi.net', batchScope: 'https://batch.core.usgovcloudapi.net//.default' });
  });

  it('lets the environment replace the sign-in and ARM hosts, keeping the scopes', () => {
    const env = { BATCH_DECK_AUTHORITY_HOST: 'https://127.0.0.1:4443/', BATCH_DECK_ARM_URL: 'https://127.0.0.1:4443/arm/' };
    expect(cloudEndpoints('public', env)).toMatchObject({
      authorityHost: 'https://127.0.0.1:4443',
      armUrl: 'https://127.0.0.1:4443/arm',
      armScope: 'https://management.azure.com//.default',
    });
    expect(isWellKnownAuthority('https://127.0.0.1:4443')).toBe(false);
    expect(isWellKnownAuthority('https://login.microsoftonline.us')).toBe(true);
  });

  it('turns ARM account endpoints into Batch URLs: https, except a loopback emulator', () => {
    expect(batchEndpointOf('acct.westeurope.batch.azure.com')).toBe('https://acct.westeurope.batch.azure.com');
    expect(batchEndpointOf('127.0.0.1:8123')).toBe('http://127.0.0.1:8123');
    expect(batchEndpointOf('https://acct.chinanorth.batch.chinacloudapi.cn/')).toBe('https://acct.chinanorth.batch.chinacloudapi.cn');
  });
});

describe('sign-in errors', () => {
  it('asks to sign in again when msal needs interaction', () => {
    const failure = toSignInFailure(new InteractionRequiredAuthError('invalid_grant', 'AADSTS700082: expired'), 'Getting a Batch token');
    expect(failure.code).toBe('SIGN_IN_REQUIRED');
  });

  it("shows Entra ID's own description for a refusal, without msal's trace ids", () => {
    const text = 'Error(s): 50020 - Timestamp: 2026-01-01 - Description: AADSTS50020: User account is from an external provider. - Correlation ID: abc - Trace ID: def';
    const failure = toSignInFailure(new ServerError('invalid_grant', 'corr', text), 'Sign-in failed');
    expect(failure.code).toBe('AUTH_FAILED');
    expect(failure.message).toBe('Sign-in failed: Microsoft Entra ID refused: invalid_grant: AADSTS50020: User account is from an external provider.');
  });

  it('names the host and the network error when the service cannot be reached', () => {
    const failure = toSignInFailure(new AuthError('endpoints_resolution_error', 'see docs'), 'Sign-in failed', {
      authorityHost: 'login.microsoftonline.com',
      networkFailure: { text: 'ENOTFOUND: getaddrinfo ENOTFOUND login.microsoftonline.com' },
    });
    expect(failure.code).toBe('UNREACHABLE');
    expect(failure.message).toContain('cannot reach the sign-in service at login.microsoftonline.com (ENOTFOUND');
  });

  it.each([
    ['a refused connection', 'UNREACHABLE', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })],
    ['a timeout', 'UNREACHABLE', Object.assign(new Error('The request timed out'), { code: 'ETIMEDOUT' })],
    ['a TypeError (a bug in Batch Deck)', 'INTERNAL', new TypeError("Cannot read properties of undefined (reading 'host')")],
    ['an ENOENT (not the network)', 'INTERNAL', Object.assign(new Error('no such file'), { code: 'ENOENT' })],
  ])('treats %s as %s', (_name, code, error) => {
    expect(toSignInFailure(error, 'Sign-in failed').code).toBe(code);
  });

  it('reports a bug in the network module as INTERNAL, though msal calls every failure there a network_error', () => {
    const failure = toSignInFailure(new AuthError('network_error', 'Network request failed'), 'Sign-in failed', {
      authorityHost: 'login.microsoftonline.com',
      networkFailure: { text: 'Invalid URL', bug: new TypeError('Invalid URL') },
    });
    expect(failure.code).toBe('INTERNAL');
    expect(failure.message).toContain('TypeError: Invalid URL');
  });
});
