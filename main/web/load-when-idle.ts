import type { Server } from 'node:http';

/** How long the host waits with no page request in flight before loading the app. */
export const idleBeforeLoadMs = 150;
/** The app loads by then whatever requests keep coming. */
export const latestLoadMs = 2000;

/**
 * Runs `load` once the server listens and has answered no page request for {@link idleBeforeLoadMs}. Loading the
 * app's modules keeps main's event loop busy for a while; a browser that is already asking for the page (the address
 * was just printed) gets its HTML and scripts first, and parses them while main loads the app on the other core.
 * `requestStarted` / `requestEnded` come from the static-file handler.
 */
export function loadWhenIdle<T>(server: Server, load: () => Promise<T>): { ready: Promise<T>; requestStarted(): void; requestEnded(): void } {
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let begin: () => void = () => undefined;
  const go = new Promise<void>((resolve) => {
    begin = () => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      resolve();
    };
  });
  const arm = (): void => {
    clearTimeout(timer);
    if (!started && inFlight === 0) timer = setTimeout(begin, idleBeforeLoadMs);
  };
  server.once('listening', () => {
    setTimeout(begin, latestLoadMs).unref();
    arm();
  });
  return {
    ready: go.then(load),
    requestStarted: () => {
      inFlight++;
      clearTimeout(timer);
    },
    requestEnded: () => {
      inFlight = Math.max(0, inFlight - 1);
      arm();
    },
  };
}
