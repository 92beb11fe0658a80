import { join, resolve } from 'node:path';
import type { BatchDeckApp } from '../app';
import { ConsoleFileLogger, SecretRedactor } from '../log';
import { defaultDataDir, ensurePrivateDir } from '../store/paths';
import { installProcessGuards } from '../system/process-guards';
import { appVersion } from '../system/version';
import { startWebHost } from './web-host';

/** Parses `--port N` (or BATCH_DECK_PORT); 0 picks a free port. */
function readPort(argv: string[]): number {
  const index = argv.indexOf('--port');
  const raw = index >= 0 ? argv[index + 1] : process.env.BATCH_DECK_PORT;
  const port = Number(raw ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Batch Deck: --port must be a number from 0 to 65535, not "${raw}".\n`);
    process.exit(2);
  }
  return port;
}

/** Starts the web host: the same app as Electron, served to a browser on 127.0.0.1. */
async function main(): Promise<void> {
  const dataDir = defaultDataDir();
  ensurePrivateDir(dataDir);
  const redactor = new SecretRedactor();
  const log = new ConsoleFileLogger(redactor, join(dataDir, 'logs', 'main.log'), process.env.BATCH_DECK_QUIET !== '1');
  installProcessGuards(log);
  const rendererDir = resolve(__dirname, '..', 'renderer');
  // Listen first, then load the app (Batch, SSH, terminals, zod schemas): the address is printed at once, and the
  // page's socket waits for the app.
  const host = await startWebHost({ app: () => loadApp(dataDir, log, redactor), log, rendererDir, port: readPort(process.argv) });
  host.app.catch((error: unknown) => {
    process.stderr.write(`Batch Deck web host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  redactor.add(host.token);
  process.stdout.write(`Batch Deck web host is ready. Open this address in your browser (the part after # is this run's key):\n  ${host.url}\n`);
  process.stdout.write(`Data folder: ${dataDir}. Press Ctrl+C to stop.\n`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await (await host.app).dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** The app and its secret store, imported only now so their modules load after the host listens. */
async function loadApp(dataDir: string, log: ConsoleFileLogger, redactor: SecretRedactor): Promise<BatchDeckApp> {
  const [{ createApp }, { KeyFileCipher }, { VaultSecretStore }] = await Promise.all([
    import('../app'),
    import('../store/key-file-cipher'),
    import('../store/vault-secret-store'),
  ]);
  const secretStore = new VaultSecretStore(dataDir, new KeyFileCipher(join(dataDir, 'secrets.key')));
  return createApp({ host: 'web', version: appVersion, dataDir, secretStore, log, redactor });
}

void main().catch((error: unknown) => {
  process.stderr.write(`Batch Deck web host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
