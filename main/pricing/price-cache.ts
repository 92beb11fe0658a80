import { join } from 'node:path';
import { z } from 'zod';
import { JsonFile } from '../store/json-file';

/** A day: how long a looked-up price is reused before the API is asked again. */
export const priceCacheTtlMs = 24 * 60 * 60 * 1000;

const entrySchema = z.object({
  /** ISO time of the lookup: the estimate's date. */
  fetchedAt: z.string(),
  currency: z.string().optional(),
  perHourDedicated: z.number().optional(),
  perHourSpot: z.number().optional(),
});
/** One cached lookup; no price fields means the API listed none for the size (an unknown size is remembered too). */
export type CachedPrice = z.infer<typeof entrySchema>;

const fileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), entrySchema) });

/**
 * `prices-cache.json` in the data folder: lookups per (region, size), each kept for a day from its own date. A damaged
 * file is set aside and reported by JsonFile; one that cannot be read at all counts as empty: prices can be asked again.
 */
export class PriceCache {
  private readonly file: JsonFile<typeof fileSchema>;
  private entries: Record<string, CachedPrice> | undefined;

  constructor(
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.file = new JsonFile(join(dataDir, 'prices-cache.json'), fileSchema, () => ({ version: 1, entries: {} }));
  }

  /** The lookup for the size in the region when it is less than a day old. */
  async get(region: string, vmSize: string): Promise<CachedPrice | undefined> {
    const entry = (await this.load())[key(region, vmSize)];
    return entry && this.fresh(entry) ? entry : undefined;
  }

  /** Remembers a lookup and drops the ones older than a day. */
  async put(region: string, vmSize: string, entry: CachedPrice): Promise<void> {
    const kept = Object.fromEntries(Object.entries(await this.load()).filter(([, e]) => this.fresh(e)));
    kept[key(region, vmSize)] = entry;
    this.entries = kept;
    await this.file.write({ version: 1, entries: kept });
  }

  private fresh(entry: CachedPrice): boolean {
    const age = this.now() - Date.parse(entry.fetchedAt);
    return age >= 0 && age < priceCacheTtlMs;
  }

  private async load(): Promise<Record<string, CachedPrice>> {
    if (!this.entries) {
      try {
        this.entries = (await this.file.read()).entries;
      } catch {
        this.entries = {};
      }
    }
    return this.entries;
  }
}

function key(region: string, vmSize: string): string {
  return `${region}|${vmSize.toLowerCase()}`;
}
