import type { ErrorCode } from '../../contract/errors';

/** What to tell the user for each error code: the one place codes become words. */
export const errorTitles: Record<ErrorCode, string> = {
  INVALID_PAYLOAD: 'The request was not valid',
  UNKNOWN_CHANNEL: 'Unknown request',
  FORBIDDEN_SENDER: 'Request refused',
  INTERNAL: 'Something went wrong in Batch Deck',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  BATCH_ERROR: 'Azure Batch returned an error',
  AUTH_FAILED: 'Authentication failed',
  UNREACHABLE: 'Cannot reach the service',
  CANCELLED: 'Cancelled',
  NO_ACCOUNT: 'No Batch account selected',
  SIGN_IN_REQUIRED: 'Sign-in required',
  SECRET_STORE_UNAVAILABLE: 'Secrets cannot be stored safely',
  HOST_KEY_CHANGED: 'SSH host key changed',
  HOST_KEY_UNKNOWN: 'Unknown SSH host key',
  SSH_ERROR: 'SSH connection failed',
  NO_SSH_ENDPOINT: 'This node has no SSH endpoint',
  NODE_GONE: 'The node left its pool',
  PTY_ERROR: 'Local shell failed',
  FILE_ERROR: 'File transfer failed',
};

/**
 * What to show for a failed call: a title from its code and main's message, which already says what happened and what
 * to do. The code itself is for data attributes and logs, never for the words (`INVALID_PAYLOAD: …` means nothing to
 * an operator).
 */
export function describeError(error: unknown): { code: ErrorCode; title: string; message: string } {
  const given = (error as { code?: unknown } | null)?.code;
  const code: ErrorCode = typeof given === 'string' && given in errorTitles ? (given as ErrorCode) : 'INTERNAL';
  const message = error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : String(error);
  return { code, title: errorTitles[code], message };
}
