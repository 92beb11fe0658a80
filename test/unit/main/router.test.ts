import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../../contract/result';
import type { Logger } from '../../../main/log';
import { ContractRouter, type CallContext, type InvokeHandlers } from '../../../main/router';

/** A logger that keeps lines so tests can read what was logged. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (area, message) => lines.push(`info ${area} ${message}`),
    warn: (area, message) => lines.push(`warn ${area} ${message}`),
    error: (area, message, error) => lines.push(`error ${area} ${message} ${String(error)}`),
  };
}

const trusted: CallContext = { trusted: true, origin: 'test', connectionId: 'c1' };

/** Handlers for the channels the foundation declares; settings keep state so "changes nothing" can be checked. */
function handlers(state = { fontSize: 14 }): InvokeHandlers {
  return {
    'app:info': () => ({ name: 'Batch Deck', version: '1.2.3', host: 'web', platform: 'linux', nodeVersion: '20', dataDir: '/d' }),
    'settings:get': () => ({ cloud: 'public', proxyUrl: '', terminalCopyOnSelect: false, terminalFontSize: state.fontSize, operatorSourcePrefix: '', allowPlainTextSecretStore: false }),
    'settings:update': (patch: { terminalFontSize?: number; proxyUrl?: string; operatorSourcePrefix?: string }) => {
      if (patch.terminalFontSize) state.fontSize = patch.terminalFontSize;
      if (patch.proxyUrl === 'http://boom.invalid') throw new Error('internal detail xyz');
      if (patch.operatorSourcePrefix === 'taken') throw new ContractFailure('CONFLICT', 'already taken', { field: 'x' });
      return { cloud: 'public', proxyUrl: '', terminalCopyOnSelect: false, terminalFontSize: state.fontSize, operatorSourcePrefix: '', allowPlainTextSecretStore: false };
    },
  } as unknown as InvokeHandlers;
}

describe('ContractRouter', () => {
  it('answers a valid call with the handler value as data', async () => {
    const router = new ContractRouter(handlers(), recordingLogger());
    const result = await router.dispatch('app:info', {}, trusted);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ version: '1.2.3' }) });
  });

  it('refuses a payload that fails its schema with INVALID_PAYLOAD naming the field, and the handler never runs', async () => {
    const state = { fontSize: 14 };
    const log = recordingLogger();
    const router = new ContractRouter(handlers(state), log);
    const result = await router.dispatch('settings:update', { terminalFontSize: 'huge' }, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_PAYLOAD');
    expect(result.error.message).toContain('terminalFontSize');
    expect(result.error.details?.issues).toEqual([expect.objectContaining({ path: 'terminalFontSize' })]);
    expect(state.fontSize).toBe(14);
    expect(log.lines.join('\n')).toContain('refused settings:update');
  });

  it('refuses unknown keys instead of silently dropping them', async () => {
    const router = new ContractRouter(handlers(), recordingLogger());
    const result = await router.dispatch('settings:update', { terminalFontSize: 12, evil: true }, trusted);
    expect(result.ok ? 'ok' : result.error.code).toBe('INVALID_PAYLOAD');
  });

  it('refuses an unknown channel, including prototype names', async () => {
    const router = new ContractRouter(handlers(), recordingLogger());
    for (const channel of ['pools:explode', '__proto__', 'constructor', 'toString']) {
      const result = await router.dispatch(channel, {}, trusted);
      expect(result.ok ? 'ok' : result.error.code).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('refuses an untrusted sender before looking at the payload', async () => {
    const state = { fontSize: 14 };
    const router = new ContractRouter(handlers(state), recordingLogger());
    const result = await router.dispatch('settings:update', { terminalFontSize: 20 }, { ...trusted, trusted: false });
    expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN_SENDER');
    expect(state.fontSize).toBe(14);
  });

  it('passes an expected failure through with its code and details', async () => {
    const router = new ContractRouter(handlers(), recordingLogger());
    const result = await router.dispatch('settings:update', { operatorSourcePrefix: 'taken' }, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'already taken', details: { field: 'x' } } });
  });

  it('turns a bug into INTERNAL with a generic message and logs the real one', async () => {
    const log = recordingLogger();
    const router = new ContractRouter(handlers(), log);
    const result = await router.dispatch('settings:update', { proxyUrl: 'http://boom.invalid' }, trusted);
    expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
    expect(result.ok ? '' : result.error.message).not.toContain('internal detail xyz');
    expect(log.lines.join('\n')).toContain('internal detail xyz');
  });
});
