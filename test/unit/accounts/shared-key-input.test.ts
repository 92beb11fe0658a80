import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../contract/result';
import { parseAccountKey, parseAccountUrl, parseSharedKeyInput } from '../../../main/accounts/shared-key-input';

const key = Buffer.alloc(64, 1).toString('base64');

/** The failure a call throws, for assertions on code, field and message. */
function failureOf(run: () => unknown): ContractFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractFailure) return error;
    throw error;
  }
  throw new Error('expected a ContractFailure');
}

describe('shared-key account input', () => {
  it('accepts a portal URL with or without https:// and trims a trailing slash and spaces', () => {
    expect(parseSharedKeyInput({ name: ' opsteam ', url: 'opsteam.westeurope.batch.azure.com', key: ` ${key} ` })).toEqual({
      name: 'opsteam',
      endpoint: 'https://opsteam.westeurope.batch.azure.com',
      key,
    });
    expect(parseAccountUrl('https://opsteam.westeurope.batch.azure.com/')).toBe('https://opsteam.westeurope.batch.azure.com');
    expect(parseAccountUrl('http://127.0.0.1:8123')).toBe('http://127.0.0.1:8123');
  });

  it('names the field and the rule for a bad account name', () => {
    const failure = failureOf(() => parseSharedKeyInput({ name: 'Ops Team', url: 'https://x.y.batch.azure.com', key }));
    expect(failure.code).toBe('INVALID_PAYLOAD');
    expect(failure.details).toEqual({ field: 'name' });
    expect(failure.message).toContain('3 to 24 lower-case letters and digits');
  });

  it('explains each malformed URL differently', () => {
    expect(failureOf(() => parseAccountUrl('')).message).toContain('empty');
    expect(failureOf(() => parseAccountUrl('http://exa mple')).message).toContain('is not a URL');
    expect(failureOf(() => parseAccountUrl('http://opsteam.westeurope.batch.azure.com')).message).toContain('must use https://');
    expect(failureOf(() => parseAccountUrl('ftp://opsteam.westeurope.batch.azure.com')).message).toContain('must use https://');
    expect(failureOf(() => parseAccountUrl('https://opsteam.westeurope.batch.azure.com/pools')).message).toContain('without a path');
    expect(failureOf(() => parseAccountUrl('https://user:pw@opsteam.westeurope.batch.azure.com')).message).toContain('user name or password');
    expect(failureOf(() => parseAccountUrl('https://other.westeurope.batch.azure.com', 'opsteam')).message).toContain('belongs to the account "other"');
  });

  it('refuses a key that is not base64 or too short, without echoing it', () => {
    const notBase64 = failureOf(() => parseAccountKey('this is not-base64!'));
    expect(notBase64.details).toEqual({ field: 'key' });
    expect(notBase64.message).toContain('not base64');
    expect(notBase64.message).not.toContain('this is not-base64!');
    expect(failureOf(() => parseAccountKey('abc')).message).toContain('not base64');
    expect(failureOf(() => parseAccountKey('YWJjZA==')).message).toContain('too short');
    expect(failureOf(() => parseAccountKey('   ')).message).toContain('empty');
  });
});
