import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from './state/persistence';

/** Whether a string is a usable base64 account key (non-empty, decodes to at least 16 bytes, canonical base64). */
export function isValidAccountKey(key: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0) return false;
  return Buffer.from(key, 'base64').length >= 16;
}

/**
 * The account key kept in `<dataDir>/account-key` (0600), created on first start like a real account's key
 * (64 random bytes, base64).
 */
export function loadOrCreateAccountKey(dataDir: string): string {
  const path = join(dataDir, 'account-key');
  if (existsSync(path)) {
    const key = readFileSync(path, 'utf8').trim();
    if (!isValidAccountKey(key)) throw new Error(`${path} does not hold a base64 account key; delete it to get a new one`);
    chmodSync(path, 0o600);
    return key;
  }
  const key = randomBytes(64).toString('base64');
  writeAtomically(path, `${key}\n`, 0o600);
  return key;
}
