import type { HttpTransport } from '../net/http-transport';
import { retailPricePageSchema, type RetailPriceItem } from './retail-prices';

/** The public Retail Prices API; tests point the client at a local stand-in instead. */
export const defaultPricesBaseUrl = 'https://prices.azure.com';

/** A lookup that could not finish: offline, an HTTP error, or an answer in an unexpected shape. */
export class PriceLookupError extends Error {
  override readonly name = 'PriceLookupError';
}

/** Pages followed at most; a size's rows fit in one or two pages, so more means something is wrong. */
const maxPages = 20;

/**
 * Reads every page of `serviceName eq 'Virtual Machines' and armRegionName eq … and armSkuName eq …` from the Retail
 * Prices API through the app's HTTP transport (proxy settings, extra CAs). Follows `NextPageLink` only to the same
 * origin as the base URL, so an answer cannot send the app anywhere else.
 */
export class RetailPricesClient {
  private readonly base: URL;

  constructor(
    private readonly transport: HttpTransport,
    baseUrl: string = defaultPricesBaseUrl,
  ) {
    this.base = new URL(baseUrl);
    if (this.base.protocol !== 'https:' && this.base.protocol !== 'http:') throw new Error(`The prices URL must be http(s): ${baseUrl}`);
  }

  /** The host name shown in messages ("could not reach prices.azure.com"). */
  get host(): string {
    return this.base.host;
  }

  /** Every row the API lists for the size in the region (region and size must already be plain identifiers). */
  async vmRows(region: string, vmSize: string): Promise<RetailPriceItem[]> {
    const filter = `serviceName eq 'Virtual Machines' and armRegionName eq '${region}' and armSkuName eq '${vmSize}'`;
    let next: string | null | undefined = new URL(`/api/retail/prices?$filter=${encodeURIComponent(filter)}`, this.base).href;
    const items: RetailPriceItem[] = [];
    for (let page = 0; next; page++) {
      if (page >= maxPages) throw new PriceLookupError(`${this.host} kept sending more pages (over ${maxPages}); the lookup stopped.`);
      const body = await this.fetchPage(next);
      items.push(...body.Items);
      next = body.NextPageLink ? this.sameOrigin(body.NextPageLink) : undefined;
    }
    return items;
  }

  private async fetchPage(url: string) {
    let response;
    try {
      response = await this.transport.send({ method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs: 15_000 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new PriceLookupError(`could not reach ${this.host}${code ? ` (${code})` : ''}: ${(error as Error).message}`);
    }
    if (response.status !== 200) throw new PriceLookupError(`${this.host} answered HTTP ${response.status}`);
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw new PriceLookupError(`${this.host} did not answer with JSON`);
    }
    const parsed = retailPricePageSchema.safeParse(json);
    if (!parsed.success) throw new PriceLookupError(`${this.host} answered in an unexpected shape`);
    return parsed.data;
  }

  private sameOrigin(link: string): string {
    const url = new URL(link, this.base);
    if (url.origin !== this.base.origin) throw new PriceLookupError(`${this.host} pointed the next page at ${url.host}; the lookup stopped.`);
    return url.href;
  }
}
