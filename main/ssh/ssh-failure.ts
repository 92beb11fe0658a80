import type { ErrorCode } from '../../contract/errors';
import { ContractFailure } from '../../contract/result';
import type { NodeLoginTarget } from './node-login';

/** Why an SSH connection could not be made or was lost, and whether trying again may help. */
export class SshConnectFailure extends ContractFailure {
  constructor(
    code: ErrorCode,
    message: string,
    /** Network trouble is worth retrying; a refused login or a host-key verdict is not. */
    readonly retryable: boolean,
    /** The user trusted the key while the server hung up: retry at once, without backoff. */
    readonly retryNow: boolean = false,
  ) {
    super(code, message);
    this.name = 'SshConnectFailure';
  }
}

/** Turns an ssh2 or socket error into what the user is told, with the retry decision. */
export function classifySshError(error: Error | undefined, target: Pick<NodeLoginTarget, 'host' | 'port' | 'username'>): SshConnectFailure {
  const where = `${target.host}:${target.port}`;
  if (!error) return new SshConnectFailure('SSH_ERROR', `${where} closed the connection during the SSH handshake.`, true);
  const level = (error as Error & { level?: string }).level;
  const code = (error as NodeJS.ErrnoException).code;
  if (level === 'client-authentication') {
    return new SshConnectFailure('SSH_ERROR', `${where} refused the login of ${target.username}: the key or password was not accepted.`, false);
  }
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return new SshConnectFailure('UNREACHABLE', `Cannot reach ${where} (${code}).`, true);
  }
  if (level === 'client-timeout') return new SshConnectFailure('UNREACHABLE', `${where}: ${error.message}.`, true);
  return new SshConnectFailure('SSH_ERROR', `${where}: ${error.message}`, true);
}
