import type { ImagesResult, SupportedImage } from '../../contract/features/batch-models';
import type { BatchClientSource } from './batch-client-source';
import { accountRef, isoOf } from './batch-call';
import type { BatchSupportedImage } from './rest/models/account';
import { toBatchFailure } from './service-error';

/** Maps one supported image (api-version 2025-06-01) to the row the Images page shows. */
export function toSupportedImage(info: BatchSupportedImage): SupportedImage {
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
 * The account's supported images (`GET /supportedimages` at 2025-06-01, every page), cached per account: the list
 * changes a few times a year, so the page shows the cache's age and lists again only when asked. The client's
 * pipeline resends throttled and failed pages (Retry-After honoured); what still fails says what Batch said.
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
      const infos = await ctx.rest.account.listSupportedImages({ maxResults: 1000 }).catch((error: unknown) => {
        throw toBatchFailure(error, ctx.account.endpoint);
      });
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
