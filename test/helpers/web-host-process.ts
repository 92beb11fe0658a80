import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A web host started from the built entry (`out/main/web.js`), as `npm start` does when Electron cannot run. */
export interface WebHostProcess {
  /** The printed address `http://127.0.0.1:PORT/#token=…`; append `#route` to open a page (`${url}#pools`). */
  url: string;
  /** `http://127.0.0.1:PORT`: what the page's Origin is and what a request needs as Host. */
  origin: string;
  /** This run's token, as the page sends it in `Sec-WebSocket-Protocol`. */
  token: string;
  dataDir: string;
  /** Everything the process wrote, for assertions about logs. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node out/main/web.js` with a fresh data folder and waits for the printed address. */
export async function startWebHostProcess(
  options: { env?: Record<string, string>; dataDir?: string } = {},
): Promise<WebHostProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'batch-deck-e2e-'));
  // Local shells read their rc files from HOME: a fresh one per host unless the test brings its own, never the user's.
  const home = options.env?.HOME === undefined ? mkdtempSync(join(tmpdir(), 'batch-deck-home-')) : undefined;
  const child: ChildProcess = spawn(process.execPath, [resolve(process.env.BATCH_DECK_OUT ?? 'out', 'main/web.js'), '--port', '0'], {
    env: { ...process.env, ...(home ? { HOME: home } : {}), BATCH_DECK_DATA: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.slice('#token='.length),
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (home) rmSync(home, { recursive: true, force: true });
    },
  };
}
