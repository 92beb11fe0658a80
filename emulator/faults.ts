import { z } from 'zod';
import { fail } from './api/batch-error';

const rate = z.number().min(0).max(1);

/** Fault injection settings (BATCH_EMULATOR_FAULTS, or PUT /_emulator/faults). Rates are 0–1 per request. */
export const faultConfigSchema = z
  .object({
    /** Added to every Batch request before it is handled. */
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /** Extra random latency, 0..latencyJitterMs, on top of latencyMs. */
    latencyJitterMs: z.number().int().min(0).max(120_000).optional(),
    /** Share of requests answered 429 TooManyRequests (with Retry-After). */
    rate429: rate.optional(),
    /** Share answered 503 ServerBusy (with Retry-After). */
    rate503: rate.optional(),
    /** Share answered 500 InternalError. */
    rate500: rate.optional(),
    /** Share whose connection is dropped without an answer. */
    rateDrop: rate.optional(),
    /** Retry-After seconds on 429 and 503 (default 1). */
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    /** Inject at most this many faults, then let every request through (e.g. two 429s, then success: proves a retry). */
    maxFaults: z.number().int().min(1).max(1_000_000).optional(),
    /** Only requests whose path starts with this are affected (default: every Batch path). */
    pathPrefix: z.string().startsWith('/').optional(),
  })
  .strict();

/** Fault injection settings. */
export type FaultConfig = z.infer<typeof faultConfigSchema>;

/** Parses a fault config; throws one message listing every problem. */
export function parseFaultConfig(value: unknown, source: string): FaultConfig {
  const result = faultConfigSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${source}: ${problems}`);
  }
  const total = (result.data.rate429 ?? 0) + (result.data.rate503 ?? 0) + (result.data.rate500 ?? 0) + (result.data.rateDrop ?? 0);
  if (total > 1) throw new Error(`${source}: rate429 + rate503 + rate500 + rateDrop must not exceed 1 (got ${total})`);
  return result.data;
}

/** What the request pipeline should do with one request. */
export type FaultDecision = { kind: 'pass' } | { kind: 'drop' };

/** The active fault settings; changed at runtime through the admin endpoint. */
export class Faults {
  private config: FaultConfig;
  private count = 0;

  constructor(config: FaultConfig = {}, private readonly random: () => number = Math.random) {
    this.config = config;
  }

  /** The current settings. */
  get current(): FaultConfig {
    return { ...this.config };
  }

  /** Faults injected since the settings were last replaced. */
  get injected(): number {
    return this.count;
  }

  /** Replaces the settings (and restarts the injected count). */
  set(config: FaultConfig): void {
    this.config = config;
    this.count = 0;
  }

  /** Waits the configured latency, then passes, drops, or throws the injected Batch error. */
  async apply(rawPath: string): Promise<FaultDecision> {
    const c = this.config;
    if (c.pathPrefix && !rawPath.toLowerCase().startsWith(c.pathPrefix.toLowerCase())) return { kind: 'pass' };
    const delay = (c.latencyMs ?? 0) + Math.round(this.random() * (c.latencyJitterMs ?? 0));
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const retryAfter = c.retryAfterSeconds ?? 1;
    if (c.maxFaults !== undefined && this.count >= c.maxFaults) return { kind: 'pass' };
    let roll = this.random();
    for (const [share, outcome] of [
      [c.rate429, () => { throw fail.tooManyRequests(retryAfter); }],
      [c.rate503, () => { throw fail.serverBusy(retryAfter); }],
      [c.rate500, () => { throw fail.internalError(); }],
      [c.rateDrop, () => ({ kind: 'drop' }) as const],
    ] as const) {
      if (share && roll < share) {
        this.count++;
        return outcome();
      }
      roll -= share ?? 0;
    }
    return { kind: 'pass' };
  }
}
