/**
 * The supported-images catalogue as `GET /supportedimages` returns it today (2026): node agent SKUs and the
 * marketplace images verified for them. End-of-life dates follow the images' announced retirements; a few are near
 * on purpose so the app's "retiring soon" handling can be seen.
 */

/** One catalogue entry in wire shape (ImageInformation). */
export interface ImageInformation {
  nodeAgentSKUId: string;
  imageReference: { publisher: string; offer: string; sku: string; version: string };
  verificationType: 'verified' | 'unverified';
  osType: 'linux' | 'windows';
  capabilities?: string[];
  batchSupportEndOfLife?: string;
}

/** Node agent SKU ids the service still accepts for new pools. */
export const NODE_AGENT_SKUS = [
  'batch.node.ubuntu 22.04',
  'batch.node.ubuntu 24.04',
  'batch.node.ubuntu 24.04-arm64',
  'batch.node.el 8',
  'batch.node.el 9',
  'batch.node.el 9-arm64',
  'batch.node.azurelinux 3.0',
  'batch.node.azurelinux 3.0-arm64',
  'batch.node.windows amd64',
] as const;

type Extra = Pick<ImageInformation, 'capabilities' | 'batchSupportEndOfLife'> & { unverified?: boolean };

function image(agent: string, publisher: string, offer: string, sku: string, extra: Extra = {}): ImageInformation {
  const osType = agent.includes('windows') ? 'windows' : 'linux';
  const item: ImageInformation = {
    nodeAgentSKUId: agent,
    imageReference: { publisher, offer, sku, version: 'latest' },
    verificationType: extra.unverified ? 'unverified' : 'verified',
    osType,
  };
  if (extra.capabilities) item.capabilities = extra.capabilities;
  if (extra.batchSupportEndOfLife) item.batchSupportEndOfLife = extra.batchSupportEndOfLife;
  return item;
}

const GEN2 = ['Generation2VMImage'];
const DOCKER = ['DockerCompatible'];
const JAMMY_EOL = '2027-04-30T00:00:00Z';
const EL8_EOL = '2029-03-01T00:00:00Z';
const WIN2016_EOL = '2027-01-12T00:00:00Z';
const WIN2019_EOL = '2029-01-09T00:00:00Z';

function windows(sku: string, eol?: string): ImageInformation {
  const extra: Extra = sku.endsWith('-g2') ? { capabilities: GEN2 } : {};
  if (eol) extra.batchSupportEndOfLife = eol;
  return image('batch.node.windows amd64', 'microsoftwindowsserver', 'windowsserver', sku, extra);
}

/** The catalogue, in the order the service lists it. */
export const SUPPORTED_IMAGES: readonly ImageInformation[] = [
  image('batch.node.ubuntu 22.04', 'canonical', '0001-com-ubuntu-server-jammy', '22_04-lts', { batchSupportEndOfLife: JAMMY_EOL }),
  image('batch.node.ubuntu 22.04', 'canonical', '0001-com-ubuntu-server-jammy', '22_04-lts-gen2', { capabilities: GEN2, batchSupportEndOfLife: JAMMY_EOL }),
  image('batch.node.ubuntu 24.04', 'canonical', 'ubuntu-24_04-lts', 'server', { capabilities: GEN2 }),
  image('batch.node.ubuntu 24.04', 'canonical', 'ubuntu-24_04-lts', 'server-gen1'),
  image('batch.node.ubuntu 24.04-arm64', 'canonical', 'ubuntu-24_04-lts', 'server-arm64', { capabilities: GEN2 }),
  image('batch.node.ubuntu 24.04', 'microsoft-dsvm', 'ubuntu-hpc', '2404', { capabilities: ['Generation2VMImage', 'SupportsRDMAOnly', 'IntelMPIRuntimeInstalled', 'NvidiaTeslaDriverInstalled'] }),
  image('batch.node.ubuntu 22.04', 'canonical', '0001-com-ubuntu-confidential-vm-jammy', '22_04-lts-cvm', { capabilities: ['Generation2VMImage', 'ConfidentialVMCompatible'], unverified: true, batchSupportEndOfLife: JAMMY_EOL }),
  image('batch.node.el 8', 'almalinux', 'almalinux-x86_64', '8-gen1', { batchSupportEndOfLife: EL8_EOL }),
  image('batch.node.el 8', 'almalinux', 'almalinux-x86_64', '8-gen2', { capabilities: GEN2, batchSupportEndOfLife: EL8_EOL }),
  image('batch.node.el 9', 'almalinux', 'almalinux-x86_64', '9-gen1'),
  image('batch.node.el 9', 'almalinux', 'almalinux-x86_64', '9-gen2', { capabilities: GEN2 }),
  image('batch.node.el 9-arm64', 'almalinux', 'almalinux-arm', '9-arm-gen2', { capabilities: GEN2 }),
  image('batch.node.el 8', 'redhat', 'rhel', '8_10', { capabilities: ['UserSubscriptionOnly'], unverified: true, batchSupportEndOfLife: EL8_EOL }),
  image('batch.node.el 9', 'redhat', 'rhel', '9_5', { capabilities: ['UserSubscriptionOnly', 'Generation2VMImage'], unverified: true }),
  image('batch.node.el 9', 'resf', 'rockylinux-x86_64', '9-base', { capabilities: GEN2, unverified: true }),
  image('batch.node.azurelinux 3.0', 'microsoftcblmariner', 'azure-linux-3', 'azure-linux-3', { capabilities: DOCKER }),
  image('batch.node.azurelinux 3.0', 'microsoftcblmariner', 'azure-linux-3', 'azure-linux-3-gen2', { capabilities: ['Generation2VMImage', 'DockerCompatible'] }),
  image('batch.node.azurelinux 3.0-arm64', 'microsoftcblmariner', 'azure-linux-3', 'azure-linux-3-arm64', { capabilities: GEN2 }),
  windows('2016-datacenter', WIN2016_EOL),
  windows('2016-datacenter-smalldisk', WIN2016_EOL),
  windows('2019-datacenter', WIN2019_EOL),
  windows('2019-datacenter-core', WIN2019_EOL),
  windows('2019-datacenter-smalldisk', WIN2019_EOL),
  windows('2022-datacenter'),
  windows('2022-datacenter-core'),
  windows('2022-datacenter-g2'),
  windows('2022-datacenter-smalldisk'),
  windows('2025-datacenter'),
  windows('2025-datacenter-g2'),
  windows('2025-datacenter-core-g2'),
];

/** The catalogue entry for an image reference (compared case-insensitively, as the service does), if any. */
export function findImage(ref: { publisher?: unknown; offer?: unknown; sku?: unknown }): ImageInformation | undefined {
  const same = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
  return SUPPORTED_IMAGES.find(
    (i) => same(ref.publisher, i.imageReference.publisher) && same(ref.offer, i.imageReference.offer) && same(ref.sku, i.imageReference.sku),
  );
}

/** The node agent SKU id as the catalogue spells it, when the given one is supported (case-insensitive). */
export function findNodeAgentSku(id: string): string | undefined {
  return NODE_AGENT_SKUS.find((s) => s.toLowerCase() === id.toLowerCase());
}

/** Whether a catalogue image is a Generation 2 VM image (Trusted Launch and confidential VMs need one). */
export function isGen2(image: ImageInformation): boolean {
  return image.capabilities?.includes('Generation2VMImage') ?? false;
}

/** Whether a catalogue image can run as a confidential VM. */
export function isConfidentialCompatible(image: ImageInformation): boolean {
  return image.capabilities?.includes('ConfidentialVMCompatible') ?? false;
}
