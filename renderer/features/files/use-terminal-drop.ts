import { useState, type DragEvent } from 'react';
import { describeError } from '../../ipc/error-text';
import { droppedFiles, uploadBrowserFiles, type SshScope } from './use-files';

/** Drop handlers for a terminal pane, and what the pane says about the last drop. */
export interface TerminalDrop {
  onDragOver(event: DragEvent): void;
  onDrop(event: DragEvent): void;
  /** E.g. `Uploading 2 files…`, `Uploaded 2 files to the folder the shell started in`, or what went wrong. */
  notice: string | undefined;
}

/**
 * Files dropped on a node's terminal go up over SFTP, as the session's user, into the folder SFTP starts in (the
 * user's home on a Linux node, where the shell starts), one chunk at a time; progress and results are on the pool's
 * Files tab. Nothing replaces an existing file: a clash fails that file and says so.
 */
export function useTerminalDrop(session: (SshScope & { command?: string }) | undefined): TerminalDrop {
  const [notice, setNotice] = useState<string | undefined>();
  // Only the node and user cross (the upload's schema is strict; a session's command is not part of it).
  const node = session ? { accountId: session.accountId, poolId: session.poolId, nodeId: session.nodeId, user: session.user } : undefined;
  return {
    notice,
    onDragOver: (event) => {
      if (node && event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDrop: (event) => {
      if (!node) return;
      event.preventDefault();
      const drop = async () => {
        const files = await droppedFiles(event.dataTransfer);
        if (files.length === 0) return;
        const count = files.length === 1 ? (files[0]?.path ?? '1 file') : `${files.length} files`;
        setNotice(`Uploading ${count}…`);
        await uploadBrowserFiles(node, '.', files, false, () => undefined);
        setNotice(`Sent ${count} to the folder the shell starts in; results on the pool's Files tab.`);
      };
      drop().catch((error: unknown) => setNotice(describeError(error).message));
    },
  };
}
