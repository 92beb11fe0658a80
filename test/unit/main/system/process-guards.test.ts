import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../../main/log';
import { installProcessGuards, type GuardedProcess } from '../../../../main/system/process-guards';

/** A logger that keeps what it was asked to log. */
function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (_area, message) => errors.push(message) };
}

describe('process guards', () => {
  it('a forgotten promise and a throwing callback are logged, redacted, and the host keeps serving', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'guarded-host.fixture.ts')], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('still serving');
    expect(run.stderr).toContain('A background task failed and nothing handled it');
    expect(run.stderr).toContain('listing pools failed with key [redacted]');
    expect(run.stderr).toContain('An unexpected error escaped a callback');
    expect(run.stderr).toContain('a callback threw');
    expect(run.stderr).not.toContain('s3cret-account-key');
  });

  it('a failure loop logs 50 lines a minute and then a count, not an endless flood', () => {
    const target = new EventEmitter() as EventEmitter & GuardedProcess;
    const log = recordingLogger();
    let clock = 0;
    installProcessGuards(log, target, () => clock);
    for (let i = 0; i < 200; i += 1) target.emit('unhandledRejection', new Error(`failure ${i}`));
    expect(log.errors).toHaveLength(50);
    clock = 60_000;
    target.emit('uncaughtException', new Error('next minute'));
    expect(log.errors.slice(50)).toEqual([
      '150 more failures in the last minute were not logged one by one',
      expect.stringContaining('An unexpected error escaped a callback'),
    ]);
  });

  it('a logger that throws does not take the host down, and removing the guards stops the reports', () => {
    const target = new EventEmitter() as EventEmitter & GuardedProcess;
    const throwing: Logger = {
      info: () => undefined,
      warn: () => undefined,
      error: () => {
        throw new Error('disk full');
      },
    };
    const remove = installProcessGuards(throwing, target);
    expect(() => target.emit('unhandledRejection', new Error('x'))).not.toThrow();
    remove();
    expect(target.listenerCount('unhandledRejection')).toBe(0);
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });
});
