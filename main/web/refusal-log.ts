import type { Logger } from '../log';
import type { Refusal, RefusalKind } from './request-guard';

/** How many refusals per window are logged line by line before the rest are only counted. */
const detailedPerWindow = 10;

/**
 * Logs refused requests without letting anyone grow main.log at will: any web page or local program can send
 * requests as fast as it likes, so each window (a minute by default) logs its first few refusals in full and then
 * one summary line with counts per kind. Memory is bounded too: the counts are per {@link RefusalKind}.
 */
export class RefusalLog {
  private detailed = 0;
  private readonly counted = new Map<RefusalKind, number>();
  private windowTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Logger,
    private readonly windowMs = 60_000,
  ) {}

  /** Records one refusal of `what` (e.g. `GET /x`, already free of secrets). */
  record(what: string, refusal: Refusal): void {
    if (!this.windowTimer) {
      this.windowTimer = setTimeout(() => this.flush(), this.windowMs);
      this.windowTimer.unref();
    }
    if (this.detailed < detailedPerWindow) {
      this.detailed += 1;
      this.log.warn('web', `refused ${what.slice(0, 120)}: ${refusal.message}`);
      return;
    }
    this.counted.set(refusal.kind, (this.counted.get(refusal.kind) ?? 0) + 1);
  }

  /** Writes the summary of the current window (if anything was only counted) and starts a new one. */
  flush(): void {
    clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
    this.detailed = 0;
    if (this.counted.size === 0) return;
    const total = [...this.counted.values()].reduce((sum, n) => sum + n, 0);
    const kinds = [...this.counted].map(([kind, n]) => `${n} ${kind}`).join(', ');
    this.counted.clear();
    this.log.warn('web', `refused ${total} more requests without logging each (${kinds}); something on this machine is probing the web host`);
  }
}
