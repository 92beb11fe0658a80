import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../contract/result';
import { createBatchRestClient } from '../../../main/batch/rest/batch-rest-client';
import type { BatchServiceError } from '../../../main/batch/rest/batch-service-error';
import { startEmulatorProcess, type EmulatorProcess } from '../../helpers/emulator-process';
import { restClientFor } from './rest-fixture';

const issuer = 'https://login.batchdeck.test/contoso/v2.0';
let emulator: EmulatorProcess;
let sign: (claims: { aud?: string; expiresInS?: number }) => Promise<string>;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ timeScale: 0.01 });
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  await restClientFor(emulator).requester.send({ method: 'PUT', path: '/_emulator/trusted-issuers', body: [{ issuer, jwks: { keys: [jwk] } }], expect: [204] });
  sign = ({ aud = 'https://batch.core.windows.net/', expiresInS = 3600 }) =>
    new SignJWT({ oid: 'operator' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(aud)
      .setSubject('operator')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInS)
      .sign(privateKey);
});

afterAll(async () => {
  await emulator?.stop();
});

describe('Entra ID sign-in through the pipeline bearer policy', () => {
  it('sends the Batch-scoped token and asks the token source again only when the token nears its expiry', async () => {
    let asked = 0;
    const client = createBatchRestClient({ endpoint: emulator.endpoint, auth: { kind: 'entra', getToken: () => (asked++, sign({})) } });
    expect(await client.pools.list()).toEqual([]);
    expect((await client.account.listSupportedImages()).length).toBeGreaterThan(0);
    expect(asked).toBe(1);
  });

  it('shows the service refusal when the token is for another audience', async () => {
    const client = createBatchRestClient({ endpoint: emulator.endpoint, auth: { kind: 'entra', getToken: () => sign({ aud: 'https://management.azure.com/' }) } });
    const error = await client.pools.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 401, code: 'AuthenticationFailed' });
    expect((error as BatchServiceError).detail('AuthenticationErrorDetail')).toMatch(/"aud" claim/);
  });

  it('passes a signed-out identity through as the sign-in failure the token source raised', async () => {
    const signedOut = new ContractFailure('SIGN_IN_REQUIRED', 'ops@contoso.com is signed out. Sign in again to use "contosobatch".');
    const client = createBatchRestClient({ endpoint: emulator.endpoint, auth: { kind: 'entra', getToken: () => Promise.reject(signedOut) } });
    await expect(client.pools.list()).rejects.toBe(signedOut);
  });

  it('never sends a bearer token over plain http to a host that is not loopback', () => {
    expect(() => createBatchRestClient({ endpoint: 'http://batch.example.com', auth: { kind: 'entra', getToken: () => sign({}) } })).toThrow(/must use https/);
  });
});
