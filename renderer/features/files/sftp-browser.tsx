import { Button, Caption1, makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FileEntry } from '../../../contract/features/files';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { call } from '../../ipc/client';
import { saveThroughBrowser } from './browser-download';
import { DownloadFolderField, useDownloadTarget } from './download-folder-field';
import { FileTable, PathCrumbs, RowButton } from './file-table';
import { OverwriteDialog } from './overwrite-dialog';
import { droppedFiles, pickedFiles, uploadBrowserFiles, useSftpFolder, type PickedFile, type SshScope } from './use-files';

const useStyles = makeStyles({
  box: { display: 'grid', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  drop: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, background: tokens.colorBrandBackground2 },
  hidden: { display: 'none' },
});

/** The top-level names of an upload (what could clash with the folder's entries). */
function topNames(files: PickedFile[]): Set<string> {
  return new Set(files.map((f) => f.path.split('/')[0] as string));
}

/**
 * The node's files over SFTP as one user, from their home: drop files or folders here (or pick them) to upload into
 * the folder shown, download files or folders to this computer. Names that exist ask before anything is replaced.
 */
export function SftpBrowser(props: { scope: SshScope }) {
  const styles = useStyles();
  const { scope } = props;
  const [path, setPath] = useState('.');
  const [dragging, setDragging] = useState(false);
  const [pending, setPending] = useState<{ files: PickedFile[]; clashes: string[] } | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const target = useDownloadTarget();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const listing = useSftpFolder(scope, path);
  const queryClient = useQueryClient();
  const here = listing.data?.path;

  const upload = (files: PickedFile[], overwrite: boolean) => {
    if (!here || files.length === 0) return;
    setFailure(undefined);
    uploadBrowserFiles(scope, here, files, overwrite, () => undefined)
      .then(() => queryClient.invalidateQueries({ queryKey: ['sftp:list', scope.accountId, scope.poolId, scope.nodeId, scope.user] }))
      .catch((error: unknown) => setFailure(error));
  };
  const offer = (files: PickedFile[]) => {
    const existing = new Set((listing.data?.entries ?? []).map((e) => e.name));
    const clashes = [...topNames(files)].filter((n) => existing.has(n));
    if (clashes.length > 0) setPending({ files, clashes });
    else upload(files, false);
  };
  const download = (entry: FileEntry) => {
    setFailure(undefined);
    const fetched =
      target.viaBrowser && !entry.isDirectory
        ? call('sftp:download-to-browser', { ...scope, remotePath: entry.path }).then(saveThroughBrowser)
        : call('sftp:download', { ...scope, remotePaths: [entry.path], localDir: target.dir, overwrite: false });
    fetched.catch((error: unknown) => setFailure(error));
  };

  return (
    <div
      className={mergeClasses(styles.drop, dragging && styles.dropActive)}
      data-testid="sftp-drop-zone"
      aria-label={`Drop files here to upload them to ${here ?? 'the node'}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        droppedFiles(event.dataTransfer).then(offer, (error: unknown) => setFailure(error));
      }}
    >
      <div className={styles.row}>
        {here && <PathCrumbs rootLabel="/" rootPath="/" path={here} onGo={setPath} />}
        <Button size="small" onClick={() => void listing.refetch()}>
          Refresh
        </Button>
        <Button size="small" disabled={!here} onClick={() => filesInput.current?.click()}>
          Upload files…
        </Button>
        <Button size="small" disabled={!here} onClick={() => folderInput.current?.click()}>
          Upload folder…
        </Button>
        {listing.isFetching && <Spinner size="tiny" />}
      </div>
      <input ref={filesInput} className={styles.hidden} type="file" multiple data-testid="sftp-upload-input" onChange={(e) => (offer(pickedFiles(e.target.files)), (e.target.value = ''))} />
      <input
        ref={folderInput}
        className={styles.hidden}
        type="file"
        data-testid="sftp-upload-folder-input"
        // Chromium's attribute for choosing a folder: files arrive with their path inside it.
        {...{ webkitdirectory: '' }}
        onChange={(e) => (offer(pickedFiles(e.target.files)), (e.target.value = ''))}
      />
      <Caption1>Drop files or folders here (or on this node's terminal) to upload them into the folder shown.</Caption1>
      <DownloadFolderField target={target} />
      {failure !== undefined && <ServiceErrorMessage error={failure} />}
      {listing.isError && <ServiceErrorMessage error={listing.error} />}
      {listing.data && (
        <FileTable
          label={`SFTP files of ${scope.nodeId} in ${listing.data.path}`}
          entries={listing.data.entries}
          onOpenFolder={(entry) => setPath(entry.path)}
          actions={(entry) => (
            <RowButton label={`Download ${entry.name}`} onClick={() => download(entry)}>
              Download
            </RowButton>
          )}
        />
      )}
      {pending && (
        <OverwriteDialog
          names={pending.clashes}
          folder={here ?? ''}
          onOverwrite={() => (upload(pending.files, true), setPending(undefined))}
          onSkip={() => (upload(pending.files.filter((f) => !pending.clashes.includes(f.path.split('/')[0] as string)), false), setPending(undefined))}
          onCancel={() => setPending(undefined)}
        />
      )}
    </div>
  );
}
