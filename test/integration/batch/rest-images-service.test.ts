import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../contract/result';
import { ImagesService } from '../../../main/batch/images-service';
import { emulatorSource } from './emulator-source';
import { setFaults, withRestEmulator } from './rest-fixture';

const world = withRestEmulator();

describe('the Images page on the 2025-06-01 client', () => {
  it('still lists when Batch throttles: the pipeline waits out the 429 and the page never sees it', async () => {
    const images = new ImagesService(emulatorSource(world.emulator));
    await setFaults(world.client, { rate429: 1, retryAfterSeconds: 1, pathPrefix: '/supportedimages' });
    // Lifted while the pipeline waits the second Retry-After asks for; the resend then succeeds.
    const lift = setTimeout(() => void setFaults(world.client, undefined).catch(() => undefined), 300);
    try {
      const result = await images.list('sandbox', true);
      expect(result.images.find((i) => i.sku === '22_04-lts-gen2')).toMatchObject({ nodeAgentSkuId: 'batch.node.ubuntu 22.04', endOfLife: expect.stringMatching(/^\d{4}-/) });
    } finally {
      clearTimeout(lift);
      await setFaults(world.client, undefined);
    }
  });

  it("shows Batch's own words when the account key is wrong", async () => {
    const images = new ImagesService(emulatorSource({ ...world.emulator, accountKey: Buffer.from('wrong').toString('base64') }));
    const error = await images.list('sandbox', true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractFailure);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', details: { serviceCode: 'AuthenticationFailed', statusCode: 403 } });
    expect((error as ContractFailure).message).toMatch(/^Server failed to authenticate the request\..* The MAC signature found in the HTTP request/);
  });
});
