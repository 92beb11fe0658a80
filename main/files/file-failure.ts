import { ContractFailure } from '../../contract/result';

/** SFTP status codes ssh2 puts on `error.code` (SSH_FX_*). */
const sftpNoSuchFile = 2;
const sftpPermissionDenied = 3;

/**
 * A local or remote file error as a FILE_ERROR that names the file and says what to do; a cancel stays CANCELLED and a
 * ContractFailure passes through. `where` is `this computer` or the node's name.
 */
export function fileFailure(error: unknown, file: string, where: string): ContractFailure {
  if (error instanceof ContractFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'AbortError') return new ContractFailure('CANCELLED', `The transfer of ${file} was cancelled.`);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case sftpPermissionDenied:
      return new ContractFailure('FILE_ERROR', `Permission denied for ${file} on ${where}: choose a folder you can write to (or read from).`, { reason: 'permission' });
    case 'ENOSPC':
    case 'EDQUOT':
      return new ContractFailure('FILE_ERROR', `The disk on ${where} is full while writing ${file}: free some space and try again.`, { reason: 'full' });
    case 'ENOENT':
    case sftpNoSuchFile:
      return new ContractFailure('FILE_ERROR', `${file} does not exist on ${where} (it may have been moved or deleted).`, { reason: 'missing' });
    case 'ETIMEDOUT':
      return new ContractFailure('FILE_ERROR', `${where} stopped answering while moving ${file} (${text}): the node may be gone or unreachable. Nothing was kept under its name.`, { reason: 'stalled' });
    case 'EISDIR':
      return new ContractFailure('FILE_ERROR', `${file} on ${where} is a folder where a file was expected.`, { reason: 'folder' });
    default:
      return new ContractFailure('FILE_ERROR', `Moving ${file} failed on ${where}: ${text}`);
  }
}

/** The refusal for a name that is already taken when the user did not choose to overwrite. */
export function nameClash(file: string, where: string): ContractFailure {
  return new ContractFailure('CONFLICT', `${file} already exists on ${where}; choose Overwrite to replace it.`, { reason: 'exists' });
}

/** The browser saves one file per download: a folder is refused before anything is fetched. */
export function folderRefused(file: string, where: string): ContractFailure {
  return new ContractFailure('FILE_ERROR', `${file} on ${where} is a folder: the browser saves single files. Download it to a folder instead.`, { reason: 'folder' });
}
