import type { SupportedImage } from '../../../contract/features/batch-models';

/** Capabilities the filter offers, by what operators call them, with the service's names behind each. */
export const capabilityFilters = {
  gen2: { label: 'Gen2', names: ['Generation2VMImage'] },
  gpu: { label: 'GPU drivers', names: ['NvidiaTeslaDriverInstalled', 'NvidiaGridDriverInstalled', 'AMDGPUDriverInstalled'] },
  rdma: { label: 'RDMA', names: ['SupportsRDMAOnly', 'IntelMPIRuntimeInstalled'] },
  docker: { label: 'Docker', names: ['DockerCompatible'] },
  confidential: { label: 'Confidential VM', names: ['ConfidentialVMCompatible'] },
} as const;

/** A capability filter key. */
export type CapabilityFilter = keyof typeof capabilityFilters;

/** What the Images page filters on; empty values mean "any". */
export interface ImageFilters {
  search: string;
  osType: '' | 'linux' | 'windows';
  verification: '' | 'verified' | 'unverified';
  architecture: '' | 'x64' | 'arm64';
  nodeAgentSkuId: string;
  capabilities: CapabilityFilter[];
  /** Only images whose end of life falls within this many days (0 = no such filter). */
  endOfLifeWithinDays: number;
}

/** No filter: every image. */
export const noImageFilters: ImageFilters = {
  search: '',
  osType: '',
  verification: '',
  architecture: '',
  nodeAgentSkuId: '',
  capabilities: [],
  endOfLifeWithinDays: 0,
};

/** Images whose end of life is this close are highlighted. */
export const endOfLifeWarningDays = 180;

const dayMs = 86_400_000;

/** Whole days from `now` until the image's end of life (negative once past), or undefined without one. */
export function daysUntilEndOfLife(image: SupportedImage, now: number): number | undefined {
  if (!image.endOfLife) return undefined;
  return Math.floor((Date.parse(image.endOfLife) - now) / dayMs);
}

/** Folds `.`, `_` and `-` together so "22.04" finds both `ubuntu 22.04` and `22_04-lts`. */
function fold(text: string): string {
  return text.toLowerCase().replace(/[._-]+/g, '.');
}

/** Everything a search may match in one image. */
function haystack(image: SupportedImage): string {
  return fold(
    [image.publisher, image.offer, image.sku, image.version, image.nodeAgentSkuId, image.osType, image.architecture, image.verification, ...image.capabilities].join(' '),
  );
}

/** Images that pass every filter; each search word must appear somewhere in the image's fields. */
export function filterImages(images: readonly SupportedImage[], filters: ImageFilters, now: number): SupportedImage[] {
  const words = fold(filters.search).split(/\s+/).filter(Boolean);
  return images.filter((image) => {
    if (filters.osType && image.osType !== filters.osType) return false;
    if (filters.verification && image.verification !== filters.verification) return false;
    if (filters.architecture && image.architecture !== filters.architecture) return false;
    if (filters.nodeAgentSkuId && image.nodeAgentSkuId !== filters.nodeAgentSkuId) return false;
    for (const key of filters.capabilities) {
      const names: readonly string[] = capabilityFilters[key].names;
      if (!image.capabilities.some((c) => names.includes(c))) return false;
    }
    if (filters.endOfLifeWithinDays > 0) {
      const days = daysUntilEndOfLife(image, now);
      if (days === undefined || days > filters.endOfLifeWithinDays) return false;
    }
    if (words.length > 0) {
      const text = haystack(image);
      if (!words.every((word) => text.includes(word))) return false;
    }
    return true;
  });
}

/** The distinct node agent SKUs, sorted, for the agent filter. */
export function agentSkus(images: readonly SupportedImage[]): string[] {
  return [...new Set(images.map((i) => i.nodeAgentSkuId))].sort();
}

/** "3 minutes ago"-style age of a cached listing. */
export function describeAge(fetchedAt: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(fetchedAt)) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `${Math.round(hours / 24)} days ago`;
}
