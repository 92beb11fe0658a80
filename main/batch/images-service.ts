import type { BatchServiceModels } from '@azure/batch';
import type { ImagesResult, SupportedImage } from '../../contract/features/batch-models';
import type { BatchClientSource } from '../accounts/batch-client-source';
import { accountRef, isoOf, listAllPages } from './batch-call';

/** Maps one ImageInformation from the SDK to the row the Images page shows. */
export function toSupportedImage(info: BatchServiceModels.ImageInformation): SupportedImage {
  const ref = info.imageReference ?? {};
  const sku = ref.sku ?? '';
  const arm = /arm64|aarch64|-arm\b|-arm-/i.test(`${info.nodeAgentSKUId} ${sku}`);
  const image: SupportedImage = {
    publisher: ref.publisher ?? '',
    offer: ref.offer ?? '',
    sku,
    version: ref.version ?? 'latest',
    nodeAgentSkuId: info.nodeAgentSKUId,
    osType: String(info.osType).toLowerCase() === 'windows' ? 'windows' : 'linux',
    verification: String(info.verificationType).toLowerCase() === 'verified' ? 'verified' : 'unverified',
    capabilities: [...(info.capabilities ?? [])],
    architecture: arm ? 'arm64' : 'x64',
  };
  const endOfLife = isoOf(info.batchSupportEndOfLife);
  if (endOfLife) image.endOfLife = endOfLife;
  return image;
}

/**
 * The account's supported images (`GET /supportedimages`, every page), cached per account: the list changes a few
 * times a year, so the page shows the cache's age and lists again only when asked.
 */
export class ImagesService {
  private readonly cache = new Map<string, ImagesResult>();
  private readonly inflight = new Map<string, Promise<ImagesResult>>();

  constructor(
    private readonly source: BatchClientSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Cached images of the named account, or a fresh listing when `refresh` is set or none is cached. */
  async list(accountId: string, refresh: boolean): Promise<ImagesResult> {
    const ctx = await this.source.forAccount(accountId);
    const key = JSON.stringify([ctx.account.id, ctx.account.endpoint]);
    const cached = this.cache.get(key);
    if (cached && !refresh) return cached;
    const running = this.inflight.get(key);
    if (running) return running;
    const listing = (async () => {
      const fetchedAt = this.now().toISOString();
      const infos = await listAllPages(
        ctx,
        () => ctx.client.account.listSupportedImages({ accountListSupportedImagesOptions: { maxResults: 1000 } }),
        (link) => ctx.client.account.listSupportedImagesNext(link),
      );
      const result: ImagesResult = { account: accountRef(ctx.account), fetchedAt, images: infos.map(toSupportedImage) };
      this.cache.set(key, result);
      return result;
    })();
    this.inflight.set(key, listing);
    try {
      return await listing;
    } finally {
      this.inflight.delete(key);
    }
  }
}
