import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import type { KnownHostKey } from '../../contract/features/terminal';
import { hostKeyAlgorithmsFor, hostKeyFromBlob, type HostKey } from './host-key-blob';
import type { HostKeyPrompts } from './host-key-prompts';
import type { HostKeyTrust } from './host-key-trust';
import type { NodeLoginTarget } from './node-login';
import { classifySshError, SshConnectFailure } from './ssh-failure';

/** What the user must see while a connection verifies its host key. */
export type HostKeyEvent =
  | { kind: 'prompt'; hostKeyId: string; key: HostKey; otherKnown: KnownHostKey[] }
  | { kind: 'changed'; hostKeyId: string; presented: HostKey; known: KnownHostKey[] }
  | { kind: 'decided'; hostKeyId: string; decision: 'trust' | 'reject' };

/** Everything {@link connectVerified} needs besides the target. */
export interface VerifiedConnectOptions {
  trust: HostKeyTrust;
  prompts: HostKeyPrompts;
  onHostKey(event: HostKeyEvent): void;
  /** Aborting ends the attempt (and any prompt) with CANCELLED. */
  signal?: AbortSignal;
  /** Handshake limit, not counting the time the user spends on a host-key prompt. */
  handshakeTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
}

/**
 * Opens an ssh2 connection whose host key is checked before any authentication packet: ssh2 calls `hostVerifier`
 * during key exchange and sends the first userauth request only after `verify(true)`. Trusted → go on; changed or
 * revoked → refuse (zero authentication attempts reach the server); unknown → wait for the user's decision.
 * Resolves with the ready client; rejects with {@link SshConnectFailure}.
 */
export async function connectVerified(target: NodeLoginTarget, options: VerifiedConnectOptions): Promise<Client> {
  const families = await options.trust.knownFamilies(target.hostKeyId);
  const preferred = families.flatMap(hostKeyAlgorithmsFor);
  return new Promise<Client>((resolve, reject) => {
    const client = new ssh2.Client();
    let refusal: SshConnectFailure | undefined;
    let decision: Promise<boolean> | undefined;
    let trustedByUser = false;
    /** Key exchange finished (ssh2's 'handshake'): from then on a failure is about the login, not the host key. */
    let keysExchanged = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const limitMs = options.handshakeTimeoutMs ?? 20_000;
    const armTimer = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        refusal ??= new SshConnectFailure('UNREACHABLE', `${target.host}:${target.port} did not finish the SSH handshake within ${limitMs / 1000} s.`, true);
        client.destroy();
      }, limitMs);
    };

    const finish = async (error?: Error): Promise<void> => {
      if (settled) return;
      // A server that drops us while the user reads the prompt (LoginGraceTime) must not hide the prompt: wait for it.
      if (decision) await decision;
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      client.removeAllListeners('ready');
      client.on('error', () => undefined);
      client.destroy();
      if (options.signal?.aborted) return reject(new SshConnectFailure('CANCELLED', 'The connection was closed before it was ready.', false));
      if (refusal) return reject(refusal);
      // Only a hang-up before key exchange finished is "while the key was being decided"; a refused login after the
      // user trusted the key is reported as the refused login it is.
      if (trustedByUser && !keysExchanged) {
        return reject(new SshConnectFailure('SSH_ERROR', 'The server closed the connection while the host key was being decided.', true, true));
      }
      reject(classifySshError(error, target));
    };
    const onAbort = (): void => void finish();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const decide = async (blob: Buffer): Promise<boolean> => {
      let key: HostKey;
      try {
        key = hostKeyFromBlob(blob);
      } catch (error) {
        refusal = new SshConnectFailure('SSH_ERROR', (error as Error).message, false);
        return false;
      }
      const verdict = await options.trust.check(target.hostKeyId, key);
      switch (verdict.verdict) {
        case 'trusted':
          return true;
        case 'revoked':
          refusal = new SshConnectFailure('HOST_KEY_CHANGED', `The host key of ${target.hostKeyId} (${key.fingerprint}) is marked @revoked in known_hosts.`, false);
          options.onHostKey({ kind: 'changed', hostKeyId: target.hostKeyId, presented: key, known: [] });
          return false;
        case 'changed':
          refusal = new SshConnectFailure('HOST_KEY_CHANGED', `The host key of ${target.hostKeyId} changed: it presented ${key.fingerprint}. Nothing was sent to it.`, false);
          options.onHostKey({ kind: 'changed', hostKeyId: target.hostKeyId, presented: key, known: verdict.known });
          return false;
        case 'unknown': {
          clearTimeout(timer);
          options.onHostKey({ kind: 'prompt', hostKeyId: target.hostKeyId, key, otherKnown: verdict.otherKnown });
          const answer = await options.prompts.ask(target.hostKeyId, key.fingerprint, options.signal);
          options.onHostKey({ kind: 'decided', hostKeyId: target.hostKeyId, decision: answer });
          if (answer === 'reject') {
            refusal = new SshConnectFailure('HOST_KEY_UNKNOWN', `You rejected the host key ${key.fingerprint} of ${target.hostKeyId}.`, false);
            return false;
          }
          await options.trust.trust(target.hostKeyId, key);
          trustedByUser = true;
          armTimer();
          return true;
        }
      }
    };

    client.once('ready', () => {
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.once('handshake', () => {
      keysExchanged = true;
    });
    client.on('error', (error) => void finish(error));
    client.once('close', () => void finish());
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, answer) => {
      // Some sshd configs offer only keyboard-interactive for passwords; answer every prompt with the password.
      answer(target.auth.kind === 'password' ? prompts.map(() => (target.auth as { password: string }).password) : []);
    });

    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      ...(target.auth.kind === 'privateKey' ? { privateKey: target.auth.privateKey } : { password: target.auth.password, tryKeyboard: true }),
      // The handshake timer above replaces ssh2's readyTimeout, which would also count the user's time on the prompt.
      readyTimeout: 0,
      keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: options.keepaliveCountMax ?? 3,
      ...(preferred.length > 0 ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred, append: [] } } } : {}),
      // Must return undefined: ssh2 treats any other return value (a Promise included) as the verdict itself.
      hostVerifier: (blob: Buffer, verify: (valid: boolean) => void): void => {
        decision = decide(blob).catch((error: unknown) => {
          refusal = new SshConnectFailure('SSH_ERROR', `Checking the host key failed: ${(error as Error).message}`, false);
          return false;
        });
        void decision.then(verify);
      },
    };
    armTimer();
    client.connect(config);
  });
}
