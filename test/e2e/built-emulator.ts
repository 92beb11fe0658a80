import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** An emulator the spec started itself, with the key it chose (to add it as a shared-key account). */
export interface BuiltEmulator {
  endpoint: string;
  accountName: string;
  accountKey: string;
  stop(): Promise<void>;
}

/**
 * Starts the built emulator (`$BATCH_DECK_OUT/emulator/cli.js`) on a free loopback port with a random key and a temp
 * data folder. test/helpers/emulator-process.ts uses import.meta, which Playwright's CommonJS loader cannot load next
 * to the specs.
 */
export async function startBuiltEmulator(account: string, extraEnv: Record<string, string> = {}): Promise<BuiltEmulator> {
  const dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-e2e-emulator-'));
  const accountKey = randomBytes(64).toString('base64');
  const env = { ...process.env, BATCH_EMULATOR_PORT: '0', BATCH_EMULATOR_ACCOUNT: account, BATCH_EMULATOR_KEY: accountKey, BATCH_EMULATOR_DATA: dataDir, ...extraEnv };
  const child = spawn(process.execPath, [resolve(process.env.BATCH_DECK_OUT ?? 'out', 'emulator/cli.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const endpoint = await new Promise<string>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Batch emulator ready: endpoint=(\S+)/.exec(output);
      if (match?.[1]) done(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`emulator exited with ${code}: ${output}`)));
  });
  return {
    endpoint,
    accountName: account,
    accountKey,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
