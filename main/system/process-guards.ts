import type { Logger } from '../log';

/** The part of `process` the guards listen on (a plain EventEmitter in tests). */
export interface GuardedProcess {
  on(event: 'unhandledRejection' | 'uncaughtException', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection' | 'uncaughtException', listener: (reason: unknown) => void): unknown;
}

/** How many failures a minute are logged one by one; beyond that only a count, so a failing loop cannot flood the log. */
const reportsPerMinute = 50;

/**
 * Keeps a host serving when a promise nobody awaited rejects or a callback throws: Node's default ends the process,
 * which for Batch Deck means every open terminal and running operation dies with one missed `.catch`. Each failure is
 * logged through the app's logger (so secrets are redacted) and the host carries on. Returns a function that removes
 * the handlers.
 */
export function installProcessGuards(log: Logger, target: GuardedProcess = process, now: () => number = Date.now): () => void {
  let windowStart = now();
  let inWindow = 0;
  let dropped = 0;
  let reporting = false;

  const report = (what: string, reason: unknown): void => {
    // A logger that itself fails (a full disk, a closed stderr) must not turn one failure into an endless loop.
    if (reporting) return;
    reporting = true;
    try {
      if (now() - windowStart >= 60_000) {
        if (dropped > 0) log.error('process', `${dropped} more failures in the last minute were not logged one by one`);
        windowStart = now();
        inWindow = 0;
        dropped = 0;
      }
      inWindow += 1;
      if (inWindow > reportsPerMinute) dropped += 1;
      else log.error('process', `${what} (Batch Deck keeps running; please report this with the log)`, reason);
    } catch {
      // Nowhere left to report to; staying alive matters more.
    } finally {
      reporting = false;
    }
  };
  const onRejection = (reason: unknown): void => report('A background task failed and nothing handled it', reason);
  const onException = (error: unknown): void => report('An unexpected error escaped a callback', error);
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
