import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { EmulatorOptions } from './server';
import { ACCOUNT_NAME_PATTERN } from './server';
import { isValidAccountKey } from './account-key';
import { readTrustedIssuersFile } from './auth/trusted-issuers';
import { parseFaultConfig } from './faults';

/** A configuration problem: the CLI prints it and exits with code 2. */
export class ConfigError extends Error {}

/** The default state folder under the user's application-data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'batch-deck', 'emulator');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'batch-deck', 'emulator');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'batch-deck', 'emulator');
}

const FLAGS: Record<string, string> = {
  '--port': 'BATCH_EMULATOR_PORT',
  '--account': 'BATCH_EMULATOR_ACCOUNT',
  '--key': 'BATCH_EMULATOR_KEY',
  '--data': 'BATCH_EMULATOR_DATA',
  '--time-scale': 'BATCH_EMULATOR_TIME_SCALE',
  '--trusted-issuers': 'BATCH_EMULATOR_TRUSTED_ISSUERS',
  '--faults': 'BATCH_EMULATOR_FAULTS',
};

/** Usage text for --help and configuration errors. */
export const USAGE = `Usage: npm run emulator [-- --port N --account NAME --key BASE64 --data DIR --time-scale X --trusted-issuers FILE --faults JSON]
Each flag mirrors an environment variable: ${Object.values(FLAGS).join(', ')}. Flags win over the environment.`;

/** Merges `--flag value` / `--flag=value` arguments over the environment. */
export function mergeFlags(argv: readonly string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const merged = { ...env };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const name = FLAGS[flag];
    if (!name) throw new ConfigError(`Unknown argument '${arg}'.\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${flag} needs a value.`);
    merged[name] = value;
  }
  return merged;
}

function number(env: NodeJS.ProcessEnv, name: string, check: (n: number) => boolean, expected: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new ConfigError(`${name}='${raw}' is not valid: expected ${expected}.`);
  return n;
}

/** Reads the emulator's options from the environment; throws ConfigError naming the bad variable. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): EmulatorOptions {
  const port = number(env, 'BATCH_EMULATOR_PORT', (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'an integer port 0-65535 (0 = any free port)');
  const timeScale = number(env, 'BATCH_EMULATOR_TIME_SCALE', (n) => n > 0 && n <= 1000, 'a positive number (1 = realistic, 0.01 = 100x faster)');
  const accountName = env.BATCH_EMULATOR_ACCOUNT || 'sandbox';
  if (!ACCOUNT_NAME_PATTERN.test(accountName)) {
    throw new ConfigError(`BATCH_EMULATOR_ACCOUNT='${accountName}' is not valid: expected 3-24 lower-case letters and digits.`);
  }
  const accountKey = env.BATCH_EMULATOR_KEY || undefined;
  if (accountKey !== undefined && !isValidAccountKey(accountKey)) {
    throw new ConfigError('BATCH_EMULATOR_KEY is not valid: expected a base64 key of at least 16 bytes.');
  }
  const options: EmulatorOptions = { dataDir: env.BATCH_EMULATOR_DATA || defaultDataDir(env), accountName };
  if (port !== undefined) options.port = port;
  if (timeScale !== undefined) options.timeScale = timeScale;
  if (accountKey !== undefined) options.accountKey = accountKey;
  try {
    if (env.BATCH_EMULATOR_TRUSTED_ISSUERS) options.trustedIssuers = readTrustedIssuersFile(env.BATCH_EMULATOR_TRUSTED_ISSUERS);
    if (env.BATCH_EMULATOR_FAULTS) options.faults = parseFaultConfig(parseJsonOrFile(env.BATCH_EMULATOR_FAULTS), 'BATCH_EMULATOR_FAULTS');
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return options;
}

/** BATCH_EMULATOR_FAULTS holds JSON, or `@path` to a JSON file. */
function parseJsonOrFile(value: string): unknown {
  const text = value.startsWith('@') ? readFileSync(value.slice(1), 'utf8') : value;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`BATCH_EMULATOR_FAULTS is not valid JSON: ${(error as Error).message}`);
  }
}
