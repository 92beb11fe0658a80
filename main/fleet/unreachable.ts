import type { UnreachableReason } from '../../contract/features/fleet';
import { ContractFailure } from '../../contract/result';

/** Why one node gave no answer: the reason, the group's words (no host or port, so nodes group) and the node's own. */
export interface Unreachable {
  reason: UnreachableReason;
  summary: string;
  detail: string;
}

/** Group-level words for each reason (the node's own message goes in `detail`). */
const summaries: Record<UnreachableReason, string> = {
  'no-login-endpoint': 'No SSH login endpoint: the pool maps no port to 22 on its nodes (or has no public IP).',
  'not-ready': 'The node refuses logins in its current state.',
  'no-user': 'The user is not usable on this node: provision it there first.',
  'auth-failed': 'The node refused the login: the key or password was not accepted.',
  'connection-refused': 'Connection refused: no SSH server answers on the node’s login port.',
  timeout: 'No answer in time: the connection or SSH handshake did not finish.',
  'host-key-unknown': 'Host key not trusted yet: run again with "trust new host keys", or open a terminal to the node once.',
  'host-key-changed': 'The host key changed since it was trusted; nothing was sent. Check the node before trusting the new key.',
  network: 'The node’s login address cannot be reached (no route or name).',
  'batch-error': 'Batch gave no login address for the node.',
  'node-gone': 'Batch no longer lists this node in the pool.',
  'ssh-error': 'SSH failed before the command could run.',
};

/** An unreachable verdict with the reason's group words. */
export function unreachable(reason: UnreachableReason, detail: string, summary = summaries[reason]): Unreachable {
  return { reason, summary, detail };
}

/** Turns what connecting or starting the command threw into a reason; undefined for a cancel (not a verdict). */
export function classifyFailure(error: unknown): Unreachable | undefined {
  if (!(error instanceof ContractFailure)) {
    const message = error instanceof Error ? error.message : String(error);
    return unreachable('ssh-error', message);
  }
  const { code, message } = error;
  switch (code) {
    case 'CANCELLED':
      return undefined;
    case 'HOST_KEY_UNKNOWN':
      return unreachable('host-key-unknown', message);
    case 'HOST_KEY_CHANGED':
      return unreachable('host-key-changed', message);
    case 'NO_SSH_ENDPOINT':
      return unreachable('no-login-endpoint', message);
    case 'NOT_FOUND':
      return unreachable('no-user', message);
    case 'NODE_GONE':
      return unreachable('node-gone', message);
    case 'BATCH_ERROR':
      return unreachable('batch-error', message);
    case 'UNREACHABLE':
      if (/ECONNREFUSED/.test(message)) return unreachable('connection-refused', message);
      if (/ETIMEDOUT|did not finish|timed? ?out/i.test(message)) return unreachable('timeout', message);
      return unreachable('network', message);
    case 'SSH_ERROR':
      if (/refused the login|authentication/i.test(message)) return unreachable('auth-failed', message);
      if (/ECONNRESET|closed the connection/i.test(message)) return unreachable('ssh-error', message, 'The node closed the connection before the command ran.');
      return unreachable('ssh-error', message);
    default:
      return unreachable('ssh-error', message);
  }
}
