/**
 * Every error code that may cross the contract boundary. The renderer maps these to words in one place
 * (renderer/ipc/error-text.ts); main never sends a code that is not listed here.
 */
export const errorCodes = [
  /** The payload failed its channel's schema; details carry the issues. */
  'INVALID_PAYLOAD',
  /** No such channel in the contract. */
  'UNKNOWN_CHANNEL',
  /** The caller is not the app's own renderer (wrong frame, origin or token). */
  'FORBIDDEN_SENDER',
  /** A bug: logged in main, shown once. */
  'INTERNAL',
  /** A thing the request names does not exist (account, session, file, …). */
  'NOT_FOUND',
  /** The request conflicts with current state (duplicate name, session already closed, …). */
  'CONFLICT',
  /** The Batch service (or emulator) answered with an error; details carry its code, message and values. */
  'BATCH_ERROR',
  /** Credentials were refused (403 AuthenticationFailed, bad key, expired sign-in). */
  'AUTH_FAILED',
  /** A host could not be reached (DNS, refused, timeout, TLS). */
  'UNREACHABLE',
  /** The user cancelled a long operation. */
  'CANCELLED',
  /** No account is active, or the active one is not ready yet. */
  'NO_ACCOUNT',
  /** Microsoft Entra ID sign-in is needed or failed. */
  'SIGN_IN_REQUIRED',
  /** The secret store cannot keep secrets safely on this machine (e.g. no keyring). */
  'SECRET_STORE_UNAVAILABLE',
  /** An SSH host presented a key that differs from the trusted one. */
  'HOST_KEY_CHANGED',
  /** An SSH host presented a key nobody trusted yet; the user must decide. */
  'HOST_KEY_UNKNOWN',
  /** SSH failed (auth refused, channel error, connection lost). */
  'SSH_ERROR',
  /** A node has no SSH endpoint (pools created after 30 Nov 2025 without an inbound NAT pool for port 22). */
  'NO_SSH_ENDPOINT',
  /** A terminal's node left its pool (resize, removal) or the pool was deleted: reconnecting cannot help. */
  'NODE_GONE',
  /** A local shell (node-pty) could not be started. */
  'PTY_ERROR',
  /** A file could not be read or written (local or on the node): permission denied, disk full, name clash; the message names the file. */
  'FILE_ERROR',
] as const;

/** A code from {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number];
