import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noPublicIpMessage } from '../../../main/provision/remote-login-service';
import { jammy, startProvisionFixture, type ProvisionFixture } from './provision-fixture';
import { eventually } from '../batch/emulator-source';

let fx: ProvisionFixture;
const ctx = { trusted: true, origin: 'test', connectionId: 'test' };

beforeAll(async () => {
  fx = await startProvisionFixture();
});
afterAll(async () => fx?.stop());

/** Creates a 2025-06-01 pool through the app's client and waits for its one node to be idle. */
async function idlePool(id: string, networkConfiguration: object): Promise<void> {
  await fx.rest.pools.create({ id, vmSize: 'standard_d2s_v3', virtualMachineConfiguration: jammy, targetDedicatedNodes: 1, networkConfiguration });
  await eventually(async () => ((await fx.rest.nodes.list(id)).every((n) => n.state === 'idle') ? true : undefined));
}

async function table(poolId: string) {
  return fx.provisioning.handlers['remote-login:list']({ accountId: fx.accountId, poolId, refresh: true }, ctx);
}

describe('the remote-login table for the 2025-06-01 network options', () => {
  it('a dual-stack pool shows each node\'s IPv6 login address and port beside the IPv4 one', async () => {
    await idlePool('dual', {
      endpointConfiguration: { inboundNATPools: [{ name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: 21_000, frontendPortRangeEnd: 21_099 }] },
      publicIPAddressConfiguration: { provision: 'batchmanaged', ipFamilies: ['IPv4', 'IPv6'] },
    });
    const [row] = (await table('dual')).rows;
    expect(row).toMatchObject({ ipAddress: '127.0.0.1', ipv6Address: '::1' });
    expect(row?.ipv6Port).toBeGreaterThan(0);
  });

  it('a pool without public IP addresses says its nodes cannot be reached from outside the VNet, not that SSH was never set up', async () => {
    await idlePool('private', { publicIPAddressConfiguration: { provision: 'nopublicipaddresses' } });
    const [row] = (await table('private')).rows;
    expect(row?.unavailable).toEqual({ code: 'NO_SSH_ENDPOINT', message: noPublicIpMessage });
    expect(row?.ipAddress).toBeUndefined();
  });
});
