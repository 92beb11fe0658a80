import { ConfigError, USAGE, mergeFlags, optionsFromEnv } from './config';
import { startEmulator } from './server';
import { DataDirInUseError } from './data-lock';

/** `npm run emulator`: starts the emulator in the foreground until SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let options;
  try {
    options = optionsFromEnv(mergeFlags(argv, process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`batch emulator: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const emulator = await startEmulator(options);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[batch-emulator] ${signal}: saving state and stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`[batch-emulator] stop failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.stdout.write(`Batch emulator ready: endpoint=${emulator.endpoint} account=${emulator.accountName}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`batch emulator: ${error.message}\n`);
  // A taken port or data folder is a configuration problem, like a bad variable.
  process.exit(error instanceof DataDirInUseError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 2 : 1);
});
