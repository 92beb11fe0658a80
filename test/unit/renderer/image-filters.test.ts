import { describe, expect, it } from 'vitest';
import type { SupportedImage } from '../../../contract/features/batch-models';
import { agentSkus, describeAge, filterImages, noImageFilters } from '../../../renderer/features/images/image-filters';

const now = Date.parse('2026-11-25T00:00:00Z');
const image = (over: Partial<SupportedImage>): SupportedImage => ({
  publisher: 'canonical',
  offer: '0001-com-ubuntu-server-jammy',
  sku: '22_04-lts',
  version: 'latest',
  nodeAgentSkuId: 'batch.node.ubuntu 22.04',
  osType: 'linux',
  verification: 'verified',
  capabilities: [],
  architecture: 'x64',
  ...over,
});
const images = [
  image({ endOfLife: '2027-04-30T00:00:00Z' }),
  image({ sku: '22_04-lts-gen2', capabilities: ['Generation2VMImage'], endOfLife: '2027-04-30T00:00:00Z' }),
  image({ offer: 'ubuntu-24_04-lts', sku: 'server-arm64', nodeAgentSkuId: 'batch.node.ubuntu 24.04-arm64', architecture: 'arm64', capabilities: ['Generation2VMImage'] }),
  image({ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2404', nodeAgentSkuId: 'batch.node.ubuntu 24.04', capabilities: ['SupportsRDMAOnly', 'NvidiaTeslaDriverInstalled'] }),
  image({ publisher: 'redhat', offer: 'rhel', sku: '9_5', nodeAgentSkuId: 'batch.node.el 9', verification: 'unverified', capabilities: ['UserSubscriptionOnly'] }),
  image({ publisher: 'microsoftwindowsserver', offer: 'windowsserver', sku: '2022-datacenter', nodeAgentSkuId: 'batch.node.windows amd64', osType: 'windows' }),
];

const skus = (found: SupportedImage[]) => found.map((i) => i.sku);

describe('searching and filtering supported images', () => {
  it('"ubuntu 22.04" finds the jammy images whether the text says 22.04 or 22_04', () => {
    expect(skus(filterImages(images, { ...noImageFilters, search: 'ubuntu 22.04' }, now))).toEqual(['22_04-lts', '22_04-lts-gen2']);
    expect(skus(filterImages(images, { ...noImageFilters, search: '22_04 GEN2' }, now))).toEqual(['22_04-lts-gen2']);
  });

  it('every word must match; no word means every image', () => {
    expect(filterImages(images, { ...noImageFilters, search: 'ubuntu windows' }, now)).toEqual([]);
    expect(filterImages(images, noImageFilters, now)).toHaveLength(images.length);
  });

  it('filters by OS, verification, architecture and agent SKU', () => {
    expect(skus(filterImages(images, { ...noImageFilters, osType: 'windows' }, now))).toEqual(['2022-datacenter']);
    expect(skus(filterImages(images, { ...noImageFilters, verification: 'unverified' }, now))).toEqual(['9_5']);
    expect(skus(filterImages(images, { ...noImageFilters, architecture: 'arm64' }, now))).toEqual(['server-arm64']);
    expect(skus(filterImages(images, { ...noImageFilters, nodeAgentSkuId: 'batch.node.ubuntu 24.04' }, now))).toEqual(['2404']);
  });

  it('capability filters use the service names behind Gen2, GPU and RDMA, and all chosen must hold', () => {
    expect(skus(filterImages(images, { ...noImageFilters, capabilities: ['gen2'] }, now))).toEqual(['22_04-lts-gen2', 'server-arm64']);
    expect(skus(filterImages(images, { ...noImageFilters, capabilities: ['gpu', 'rdma'] }, now))).toEqual(['2404']);
    expect(filterImages(images, { ...noImageFilters, capabilities: ['gpu', 'docker'] }, now)).toEqual([]);
  });

  it('"end of life within N days" keeps only images retiring by then', () => {
    expect(filterImages(images, { ...noImageFilters, endOfLifeWithinDays: 100 }, now)).toEqual([]);
    expect(skus(filterImages(images, { ...noImageFilters, endOfLifeWithinDays: 180 }, now))).toEqual(['22_04-lts', '22_04-lts-gen2']);
  });

  it('lists agent SKUs once each, sorted, and says how old the cache is', () => {
    expect(agentSkus(images)).toEqual(['batch.node.el 9', 'batch.node.ubuntu 22.04', 'batch.node.ubuntu 24.04', 'batch.node.ubuntu 24.04-arm64', 'batch.node.windows amd64']);
    expect(describeAge('2026-11-24T23:59:30Z', now)).toBe('just now');
    expect(describeAge('2026-11-24T23:57:00Z', now)).toBe('3 minutes ago');
    expect(describeAge('2026-11-24T21:00:00Z', now)).toBe('3 hours ago');
    expect(describeAge('2026-11-20T00:00:00Z', now)).toBe('5 days ago');
  });
});
