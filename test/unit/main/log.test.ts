import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleFileLogger, SecretRedactor } from '../../../main/log';

describe('logging', () => {
  it('never writes a registered secret to the log file, even inside an error', () => {
    const redactor = new SecretRedactor();
    const secret = 'c2VjcmV0LWFjY291bnQta2V5LXZhbHVl';
    redactor.add(secret);
    const file = join(mkdtempSync(join(tmpdir(), 'bd-log-')), 'main.log');
    const log = new ConsoleFileLogger(redactor, file, false);
    log.info('accounts', `checking key ${secret}`);
    log.error('batch', 'call failed', new Error(`Authorization: SharedKey acct:${secret}`));
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(text).toContain('call failed');
  });
});
