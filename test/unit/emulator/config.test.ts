import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, mergeFlags, optionsFromEnv } from '../../../emulator/config';

describe('emulator configuration', () => {
  it('reads every variable, and flags win over the environment', () => {
    const env = mergeFlags(['--port', '8400', '--time-scale=0.5'], {
      BATCH_EMULATOR_PORT: '1', BATCH_EMULATOR_ACCOUNT: 'lab', BATCH_EMULATOR_DATA: '/tmp/x', BATCH_EMULATOR_FAULTS: '{"rate429":0.1}',
    });
    expect(optionsFromEnv(env)).toEqual({ port: 8400, timeScale: 0.5, accountName: 'lab', dataDir: '/tmp/x', faults: { rate429: 0.1 } });
  });

  it('explains each bad value by naming its variable', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ BATCH_EMULATOR_PORT: '70000' }, /BATCH_EMULATOR_PORT='70000'/],
      [{ BATCH_EMULATOR_TIME_SCALE: '0' }, /BATCH_EMULATOR_TIME_SCALE/],
      [{ BATCH_EMULATOR_ACCOUNT: 'Bad_Name' }, /BATCH_EMULATOR_ACCOUNT/],
      [{ BATCH_EMULATOR_KEY: 'not base64!' }, /BATCH_EMULATOR_KEY/],
      [{ BATCH_EMULATOR_FAULTS: '{"rate429":3}' }, /BATCH_EMULATOR_FAULTS: rate429/],
      [{ BATCH_EMULATOR_FAULTS: '{' }, /BATCH_EMULATOR_FAULTS is not valid JSON/],
      [{ BATCH_EMULATOR_TRUSTED_ISSUERS: '/nonexistent/issuers.json' }, /Cannot read trusted issuers file/],
    ];
    for (const [env, message] of cases) {
      expect(() => optionsFromEnv({ BATCH_EMULATOR_DATA: '/tmp/x', ...env })).toThrow(ConfigError);
      expect(() => optionsFromEnv({ BATCH_EMULATOR_DATA: '/tmp/x', ...env })).toThrow(message);
    }
    expect(() => mergeFlags(['--colour'], {})).toThrow(/Unknown argument/);
  });

  it('keeps state under the platform application-data folder by default', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/batch-deck/emulator');
    expect(defaultDataDir({}, 'linux')).toMatch(/\.local\/share\/batch-deck\/emulator$/);
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('batch-deck');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/batch-deck\/emulator$/);
  });
});
