import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountRecords } from '../../../main/accounts/account-records';

const total = 1000;
const dataDir = mkdtempSync(join(tmpdir(), 'bd-durable-'));
const file = join(dataDir, 'accounts.json');

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * Runs the writer until it has acknowledged `killAfter` more writes (plus a random few milliseconds, so the kill lands
 * anywhere in the write cycle) and kills it with SIGKILL; or lets it finish. Resolves with the last acknowledged count.
 */
function runWriter(killAfter: number | undefined): Promise<{ acknowledged: number; killed: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'account-writer.ts')], {
    env: { ...process.env, BATCH_DECK_DATA: dataDir, WRITES_UNTIL: String(total) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let acknowledged = -1;
  let seen = 0;
  let killing = false;
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      acknowledged = Number(line);
      seen++;
    }
    if (killAfter !== undefined && seen >= killAfter && !killing) {
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), Math.random() * 8);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ acknowledged, killed: signal === 'SIGKILL' && code === null }));
  });
}

/** The account count on disk, parsed strictly (JSON.parse, no repair). */
function countOnDisk(): number {
  return (JSON.parse(readFileSync(file, 'utf8')) as { accounts: unknown[] }).accounts.length;
}

describe('accounts.json under kill -9', () => {
  it('always holds the last acknowledged write or the one after it, never a torn file, and ends with all 1,000', async () => {
    let before = 0;
    for (let run = 0; run < 6; run++) {
      const { acknowledged, killed } = await runWriter(1 + Math.floor(Math.random() * 120));
      expect(killed).toBe(true);
      const onDisk = countOnDisk();
      // Old or new content: the write in flight at the kill either landed whole or not at all.
      expect(onDisk === acknowledged || onDisk === acknowledged + 1).toBe(true);
      expect(onDisk).toBeGreaterThan(before);
      before = onDisk;
    }
    const last = await runWriter(undefined);
    expect(last.killed).toBe(false);
    expect(countOnDisk()).toBe(total);
    const saved = await new AccountRecords(dataDir).read();
    expect(saved.accounts.map((a) => a.id)).toEqual(Array.from({ length: total }, (_, i) => `acct-${i}`));
    expect(saved.activeId).toBe(`acct-${total - 1}`);
    // Nothing damaged was set aside, and the temp files of killed writers were swept by the next writer.
    expect(readdirSync(dataDir)).toEqual(['accounts.json']);
  }, 240_000);
});
