import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchServiceClient } from '@azure/batch';
import type { WebResource } from '@azure/ms-rest-js';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { failureOf, JAMMY, sdkClient } from './sdk-client';
import { rawRequest } from './raw-request';

const ISSUER = 'https://login.local.test/tenant/v2.0';
let emulator: EmulatorProcess;
let signingKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  const issuersFile = join(mkdtempSync(join(tmpdir(), 'issuers-')), 'issuers.json');
  writeFileSync(issuersFile, JSON.stringify([{ issuer: ISSUER, jwks: { keys: [jwk] } }]));
  emulator = await startEmulatorProcess({ env: { BATCH_EMULATOR_TRUSTED_ISSUERS: issuersFile } });
});
afterAll(async () => emulator?.stop());

async function token(claims: { aud?: string; iss?: string; key?: CryptoKey } = {}): Promise<string> {
  return new SignJWT({ oid: 'user-1' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? 'https://batch.core.windows.net/')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(claims.key ?? signingKey);
}

function bearerClient(value: string): BatchServiceClient {
  const credentials = {
    signRequest: async (resource: WebResource) => {
      resource.headers.set('authorization', `Bearer ${value}`);
      return resource;
    },
  };
  return new BatchServiceClient(credentials, emulator.endpoint, { noRetryPolicy: true });
}

describe('authentication as the Batch service does it', () => {
  it('accepts requests signed with the account key', async () => {
    const images = await sdkClient(emulator).account.listSupportedImages();
    expect(images.length).toBeGreaterThan(10);
  });

  it('refuses a wrong key with 403 AuthenticationFailed and an AuthenticationErrorDetail', async () => {
    const wrongKey = Buffer.alloc(64, 7).toString('base64');
    const error = await failureOf(() => sdkClient(emulator, wrongKey).pool.list());
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('AuthenticationFailed');
    const detail = error.body.values?.find((v) => v.key === 'AuthenticationErrorDetail');
    expect(detail?.value).toContain('is not the same as any computed signature');
  });

  it('refuses a request whose ocp-date is 20 minutes off with 403 AuthenticationFailed', async () => {
    const skewed = new Date(Date.now() - 20 * 60_000);
    const error = await failureOf(() => sdkClient(emulator).pool.list({ poolListOptions: { ocpDate: skewed } }));
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('AuthenticationFailed');
    expect(error.body.values?.[0]?.value).toContain('Request date header too old');
  });

  it('accepts a bearer token from the trusted issuer for the Batch audience', async () => {
    const images = await bearerClient(await token()).account.listSupportedImages();
    expect(images.length).toBeGreaterThan(10);
  });

  it('refuses bearer tokens for another audience, from another issuer, or signed by another key', async () => {
    const other = (await generateKeyPair('RS256')).privateKey as CryptoKey;
    for (const bad of [await token({ aud: 'https://management.azure.com/' }), await token({ iss: 'https://evil.test/' }), await token({ key: other })]) {
      const error = await failureOf(() => bearerClient(bad).pool.list());
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('AuthenticationFailed');
    }
  });

  it('trusts an issuer set at runtime through the admin endpoint, and only that one afterwards', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k2', alg: 'ES256' };
    const issuer = 'https://authority.local.test/';
    const set = await rawRequest(emulator, 'PUT', '/_emulator/trusted-issuers', { body: [{ issuer, jwks: { keys: [jwk] } }] });
    expect(set.status).toBe(204);
    const fresh = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k2' }).setIssuer(issuer).setAudience('https://batch.core.windows.net/').setExpirationTime('5m').sign(pair.privateKey);
    expect(await bearerClient(fresh).pool.list()).toHaveLength(0);
    expect((await failureOf(async () => bearerClient(await token()).pool.list())).statusCode).toBe(401);
    const bad = await rawRequest(emulator, 'PUT', '/_emulator/trusted-issuers', { body: [{ issuer: 'not a url', jwks: { keys: [] } }] });
    expect(bad.status).toBe(400);
  });

  it('refuses a request without Authorization', async () => {
    const response = await rawRequest(emulator, 'GET', '/pools?api-version=2022-10-01.16.0', { key: false });
    expect(response.status).toBe(401);
    expect(response.json?.code).toBe('AuthenticationFailed');
  });
});

describe('protocol details', () => {
  it('answers an unsupported api-version with 400 InvalidQueryParameterValue naming api-version', async () => {
    const response = await rawRequest(emulator, 'GET', '/pools?api-version=2099-01-01.99.0');
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: 'InvalidQueryParameterValue', values: expect.arrayContaining([{ key: 'QueryParameterName', value: 'api-version' }]) });
  });

  it('answers a missing api-version with 400 MissingRequiredQueryParameter', async () => {
    const response = await rawRequest(emulator, 'GET', '/pools');
    expect(response.status).toBe(400);
    expect(response.json?.code).toBe('MissingRequiredQueryParameter');
  });

  it('answers an unknown path with 404 and a Batch error body', async () => {
    const response = await rawRequest(emulator, 'GET', '/nosuchthing?api-version=2022-10-01.16.0');
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ code: 'ResourceNotFound', message: { lang: 'en-US' } });
    expect(String(response.json?.['odata.metadata'])).toContain('/$metadata#');
  });

  it('refuses maxresults outside 1-1000 with 400 InvalidQueryParameterValue', async () => {
    for (const value of ['0', '1001', 'abc']) {
      const response = await rawRequest(emulator, 'GET', `/pools?api-version=2022-10-01.16.0&maxresults=${value}`);
      expect(response.status).toBe(400);
      expect(response.json?.values).toContainEqual({ key: 'QueryParameterName', value: 'maxresults' });
    }
    const counts = await rawRequest(emulator, 'GET', '/nodecounts?api-version=2022-10-01.16.0&maxresults=11');
    expect(counts.status).toBe(400);
  });

  it('echoes client-request-id only when asked, and always sends request-id and DataServiceVersion', async () => {
    const id = '9c4d50ee-2d56-4cd3-8152-34347dc9f2b0';
    const asked = await rawRequest(emulator, 'GET', '/pools?api-version=2022-10-01.16.0', { headers: { 'client-request-id': id, 'return-client-request-id': 'true' } });
    expect(asked.headers.get('client-request-id')).toBe(id);
    expect(asked.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(asked.headers.get('dataserviceversion')).toBe('3.0');
    expect(asked.headers.get('content-type')).toBe('application/json;odata=minimalmetadata');
    const notAsked = await rawRequest(emulator, 'GET', '/pools?api-version=2022-10-01.16.0', { headers: { 'client-request-id': id } });
    expect(notAsked.headers.get('client-request-id')).toBeNull();
  });

  it('refuses a malformed JSON body with 400 InvalidRequestBody', async () => {
    const response = await rawRequest(emulator, 'POST', '/pools?api-version=2022-10-01.16.0', { body: '{"id": "x",' });
    expect(response.status).toBe(400);
    expect(response.json?.code).toBe('InvalidRequestBody');
  });

  it('names the missing property of an add-pool body with 400 MissingRequiredProperty', async () => {
    const error = await failureOf(() => sdkClient(emulator).pool.add({ id: 'novm', vmSize: 'standard_d2s_v3' }));
    expect(error.code).toBe('MissingRequiredProperty');
    expect(error.body.values).toContainEqual({ key: 'PropertyName', value: 'virtualMachineConfiguration' });
    const noSize = await rawRequest(emulator, 'POST', '/pools?api-version=2022-10-01.16.0', { body: { id: 'nosize', virtualMachineConfiguration: JAMMY } });
    expect(noSize.json?.values).toContainEqual({ key: 'PropertyName', value: 'vmSize' });
  });
});
