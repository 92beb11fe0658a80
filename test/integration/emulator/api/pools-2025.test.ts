import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { startEmulatorProcess, type EmulatorProcess } from '../../../helpers/emulator-process';
import { rawRequest, type RawResponse } from './raw-request';
import { eventually } from './sdk-client';

const V2025 = 'api-version=2025-06-01';
const V2022 = 'api-version=2022-10-01.16.0';
const SSH_START = 33000 + Math.floor(Math.random() * 100) * 100;
/** Ubuntu 22.04 Gen2 from the catalogue (Trusted Launch needs a Generation 2 image). */
const JAMMY_GEN2 = { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' };
const JAMMY_GEN1 = { ...JAMMY_GEN2, imageReference: { ...JAMMY_GEN2.imageReference, sku: '22_04-lts' } };

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});
afterAll(async () => emulator?.stop());

function value(response: RawResponse, key: string): string | undefined {
  return (response.json?.values as { key: string; value: string }[] | undefined)?.find((v) => v.key === key)?.value;
}

async function addPool(body: Record<string, unknown>, version = V2025): Promise<RawResponse> {
  return rawRequest(emulator, 'POST', `/pools?${version}`, { body });
}

async function idleNodes(poolId: string, count: number): Promise<Record<string, unknown>[]> {
  return eventually(async () => {
    const nodes = ((await rawRequest(emulator, 'GET', `/pools/${poolId}/nodes?${V2025}`)).json?.value ?? []) as Record<string, unknown>[];
    return nodes.length === count && nodes.every((n) => n.state === 'idle') ? nodes : undefined;
  });
}

/** The pool options issue 11 asks for, in the spec's (2025-06-01) spelling. */
const hardened = {
  id: 'hardened',
  vmSize: 'standard_d2s_v5',
  virtualMachineConfiguration: {
    ...JAMMY_GEN2,
    securityProfile: { securityType: 'trustedLaunch', encryptionAtHost: true, uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
    osDisk: { ephemeralOSDiskSettings: { placement: 'cachedisk' }, caching: 'readonly', diskSizeGB: 64, managedDisk: { storageAccountType: 'standardssd_lrs' } },
    nodePlacementConfiguration: { policy: 'zonal' },
    containerConfiguration: { type: 'dockerCompatible', containerImageNames: ['busybox'] },
  },
  networkConfiguration: { publicIPAddressConfiguration: { provision: 'nopublicipaddresses' }, enableAcceleratedNetworking: true },
  upgradePolicy: { mode: 'automatic', automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true } },
  taskSlotsPerNode: 4,
  taskSchedulingPolicy: { nodeFillType: 'pack', jobDefaultOrder: 'creationtime' },
  targetDedicatedNodes: 1,
};

describe('pools at api-version 2025-06-01', () => {
  it('accepts Trusted Launch, an ephemeral OS disk and no public IPs, and echoes exactly what was sent', async () => {
    expect((await addPool(hardened)).status).toBe(201);
    const pool = (await rawRequest(emulator, 'GET', `/pools/hardened?${V2025}`)).json ?? {};
    const { id: _id, targetDedicatedNodes: _t, ...sent } = hardened;
    expect(pool).toMatchObject(sent);
    for (const removed of ['targetNodeCommunicationMode', 'certificateReferences', 'applicationLicenses']) expect(pool).not.toHaveProperty(removed);
  });

  it('keeps the add-pool request exactly as received, with its api-version, for the admin endpoint', async () => {
    const created = await rawRequest(emulator, 'GET', '/_emulator/pools/hardened/created');
    expect(created.json).toEqual({ apiVersion: '2025-06-01', body: hardened });
    const secret = { id: 'secret', vmSize: 'standard_d2s_v5', virtualMachineConfiguration: JAMMY_GEN1, userAccounts: [{ name: 'svc', password: 'Hunter-2-hunter' }] };
    expect((await addPool(secret)).status).toBe(201);
    const masked = await rawRequest(emulator, 'GET', '/_emulator/pools/secret/created');
    expect(masked.json?.body).toMatchObject({ userAccounts: [{ name: 'svc', password: '***' }] });
    expect(masked.text).not.toContain('Hunter-2');
  });

  it('gives NoPublicIPAddresses nodes no inbound endpoint and refuses their remote login settings', async () => {
    const [node] = await idleNodes('hardened', 1);
    expect(node).not.toHaveProperty('endpointConfiguration');
    const login = await rawRequest(emulator, 'GET', `/pools/hardened/nodes/${String(node?.id)}/remoteloginsettings?${V2025}`);
    expect(login.status).toBe(409);
    expect(login.json?.code).toBe('OperationInvalidForCurrentState');
    expect(value(login, 'Reason')).toMatch(/NoPublicIPAddresses/);
  });

  it('refuses Trusted Launch on a Generation 1 image and UEFI settings without a security type', async () => {
    const gen1 = await addPool({ ...hardened, id: 'gen1', virtualMachineConfiguration: { ...JAMMY_GEN1, securityProfile: { securityType: 'trustedLaunch' } } });
    expect(gen1.status).toBe(400);
    expect(value(gen1, 'PropertyName')).toBe('securityType');
    expect(value(gen1, 'Reason')).toMatch(/Generation 2/);
    const noType = await addPool({ id: 'notype', vmSize: 'standard_d2s_v5', virtualMachineConfiguration: { ...JAMMY_GEN2, securityProfile: { uefiSettings: { secureBootEnabled: true } } } });
    expect(noType.status).toBe(400);
    expect(noType.json?.code).toBe('MissingRequiredProperty');
    expect((await rawRequest(emulator, 'GET', `/pools/gen1?${V2025}`)).status).toBe(404);
  });

  it('refuses option values the 2025-06-01 spec does not define', async () => {
    const resourceDisk = await addPool({ id: 'rd', vmSize: 'standard_d2s_v5', virtualMachineConfiguration: { ...JAMMY_GEN2, osDisk: { ephemeralOSDiskSettings: { placement: 'resourcedisk' } } } });
    expect(value(resourceDisk, 'PropertyName')).toBe('placement');
    const userManaged = await addPool({ id: 'um', vmSize: 'standard_d2s_v5', virtualMachineConfiguration: JAMMY_GEN2, networkConfiguration: { publicIPAddressConfiguration: { provision: 'usermanaged' } } });
    expect(userManaged.json?.code).toBe('MissingRequiredProperty');
    expect(value(userManaged, 'PropertyName')).toBe('ipAddressIds');
    const order = await addPool({ id: 'order', vmSize: 'standard_d2s_v5', virtualMachineConfiguration: JAMMY_GEN2, taskSchedulingPolicy: { nodeFillType: 'spread', jobDefaultOrder: 'priority' } });
    expect(value(order, 'PropertyName')).toBe('jobDefaultOrder');
  });

  it('answers removed fields with the service 400 at 2025-06-01 and keeps accepting them at 2022-10-01', async () => {
    const base = { vmSize: 'standard_d2s_v5', virtualMachineConfiguration: JAMMY_GEN1 };
    const mode = await addPool({ ...base, id: 'mode', targetNodeCommunicationMode: 'simplified' });
    expect(mode.status).toBe(400);
    expect(mode.json?.code).toBe('InvalidRequestBody');
    expect(value(mode, 'PropertyName')).toBe('targetNodeCommunicationMode');
    const certificates = await addPool({ ...base, id: 'certs', certificateReferences: [{ thumbprint: 'ab', thumbprintAlgorithm: 'sha1' }] });
    expect(certificates.json?.code).toBe('CertificateRetired');
    const tags = await addPool({ ...base, id: 'tags', resourceTags: { team: 'render' } });
    expect(value(tags, 'PropertyName')).toBe('resourceTags');
    expect((await addPool({ ...base, id: 'mode', targetNodeCommunicationMode: 'simplified' }, V2022)).status).toBe(201);
    const old = (await rawRequest(emulator, 'GET', `/pools/mode?${V2022}`)).json;
    expect(old?.targetNodeCommunicationMode).toBe('simplified');
    expect((await rawRequest(emulator, 'GET', `/pools/mode?${V2025}`)).json).not.toHaveProperty('targetNodeCommunicationMode');
  });

  it('reports dual-stack IPv6 addresses and logins on ::1 that an SSH client reaches', async () => {
    const nat = { name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: SSH_START, frontendPortRangeEnd: SSH_START + 99 };
    const body = { id: 'dual', vmSize: 'standard_d2s_v5', virtualMachineConfiguration: JAMMY_GEN1, targetDedicatedNodes: 1, networkConfiguration: { publicIPAddressConfiguration: { ipFamilies: ['IPv4', 'IPv6'] }, endpointConfiguration: { inboundNATPools: [nat] } } };
    expect((await addPool(body)).status).toBe(201);
    const [node] = await idleNodes('dual', 1);
    expect(node?.ipv6Address).toMatch(/^fd00::/);
    const endpoints = (node?.endpointConfiguration as { inboundEndpoints: Record<string, unknown>[] }).inboundEndpoints;
    expect(endpoints.map((e) => e.publicIPAddress)).toEqual(['127.0.0.1', '::1']);
    const login = (await rawRequest(emulator, 'GET', `/pools/dual/nodes/${String(node?.id)}/remoteloginsettings?${V2025}`)).json ?? {};
    expect(login).toMatchObject({ remoteLoginIPAddress: '127.0.0.1', ipv6RemoteLoginIPAddress: '::1' });
    expect(login.ipv6RemoteLoginPort).toBe(login.remoteLoginPort);
    const banner = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '::1', port: login.ipv6RemoteLoginPort as number }, () => undefined);
      socket.once('data', (data) => {
        resolve(data.toString('utf8'));
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(banner).toMatch(/^SSH-2\.0-BatchEmulatorNode/);
  });

  it('counts deallocated, deallocating and upgradingOS nodes at 2025-06-01 only', async () => {
    const modern = (await rawRequest(emulator, 'GET', `/nodecounts?${V2025}`)).json?.value as { dedicated: Record<string, number> }[];
    expect(modern[0]?.dedicated).toMatchObject({ deallocated: 0, deallocating: 0, upgradingOS: 0 });
    const old = (await rawRequest(emulator, 'GET', `/nodecounts?${V2022}`)).json?.value as { dedicated: Record<string, number> }[];
    expect(old[0]?.dedicated).not.toHaveProperty('deallocated');
  });
});

describe('node files at api-version 2025-06-01', () => {
  it('lists file sizes as int64 strings, as the spec types contentLength, and as numbers at 2022-10-01', async () => {
    const [node] = await idleNodes('dual', 1);
    const list = async (version: string) => ((await rawRequest(emulator, 'GET', `/pools/dual/nodes/${String(node?.id)}/files?recursive=true&${version}`)).json?.value ?? []) as { isDirectory: boolean; properties?: { contentLength: unknown } }[];
    const modern = (await list(V2025)).find((f) => !f.isDirectory);
    expect(typeof modern?.properties?.contentLength).toBe('string');
    expect(Number(modern?.properties?.contentLength)).not.toBeNaN();
    expect(typeof (await list(V2022)).find((f) => !f.isDirectory)?.properties?.contentLength).toBe('number');
  });
});

describe('pool updates at api-version 2025-06-01', () => {
  it('changes VM options of an empty pool, validated like a new pool, and refuses them while it has nodes', async () => {
    const empty = { id: 'editable', vmSize: 'standard_d2s_v5', virtualMachineConfiguration: JAMMY_GEN1, targetDedicatedNodes: 0 };
    expect((await addPool(empty, V2022)).status).toBe(201);
    await eventually(async () => ((await rawRequest(emulator, 'GET', `/pools/editable?${V2025}`)).json?.allocationState === 'steady' ? true : undefined));
    const gen1Launch = await rawRequest(emulator, 'PATCH', `/pools/editable?${V2025}`, { body: { virtualMachineConfiguration: { ...JAMMY_GEN1, securityProfile: { securityType: 'trustedLaunch' } } } });
    expect(gen1Launch.status).toBe(400);
    const change = { vmSize: 'standard_d4s_v5', virtualMachineConfiguration: { ...JAMMY_GEN2, securityProfile: { securityType: 'trustedLaunch' } }, taskSlotsPerNode: 16 };
    expect((await rawRequest(emulator, 'PATCH', `/pools/editable?${V2025}`, { body: change })).status).toBe(200);
    expect((await rawRequest(emulator, 'GET', `/pools/editable?${V2025}`)).json).toMatchObject(change);
    expect((await addPool({ ...empty, id: 'busy', targetDedicatedNodes: 1 })).status).toBe(201);
    await idleNodes('busy', 1);
    const busy = await rawRequest(emulator, 'PATCH', `/pools/busy?${V2025}`, { body: { taskSlotsPerNode: 2 } });
    expect(busy.status).toBe(409);
    expect(busy.json?.code).toBe('OperationInvalidForCurrentState');
  });
});

describe('application packages', () => {
  it('lists none until some are registered, then lists and gets them; an unknown one is ApplicationNotFound', async () => {
    expect((await rawRequest(emulator, 'GET', `/applications?${V2025}`)).json?.value).toEqual([]);
    const packages = [{ id: 'ffmpeg', versions: ['7.1'] }, { id: 'blender', displayName: 'Blender', versions: ['4.2'] }];
    expect((await rawRequest(emulator, 'PUT', '/_emulator/applications', { body: packages })).status).toBe(204);
    expect((await rawRequest(emulator, 'GET', `/applications?${V2025}`)).json?.value).toEqual([packages[1], packages[0]]);
    expect((await rawRequest(emulator, 'GET', `/applications/BLENDER?${V2025}`)).json).toMatchObject(packages[1] ?? {});
    expect((await rawRequest(emulator, 'GET', `/applications/gimp?${V2025}`)).json?.code).toBe('ApplicationNotFound');
    expect((await rawRequest(emulator, 'PUT', '/_emulator/applications', { body: [{ id: 'no versions', versions: [] }] })).status).toBe(400);
  });
});
