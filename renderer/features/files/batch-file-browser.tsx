import { Button, Caption1, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FileEntry } from '../../../contract/features/files';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { call } from '../../ipc/client';
import { NodeFileTail } from '../pools/detail/node-file-tail';
import { saveThroughBrowser } from './browser-download';
import { DownloadFolderField, useDownloadTarget } from './download-folder-field';
import { FileTable, PathCrumbs, RowButton } from './file-table';
import { useBatchFolder, type NodeScope } from './use-files';

const useStyles = makeStyles({
  box: { display: 'grid', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

/**
 * A node's files through the Batch files API (works without SSH): the root (startup, shared, workitems with each
 * task's folder), one folder at a time; preview a file by ranged reads, download files or folders, delete.
 */
export function BatchFileBrowser(props: { scope: NodeScope }) {
  const styles = useStyles();
  const { scope } = props;
  const [folder, setFolder] = useState('');
  const [preview, setPreview] = useState<string | undefined>();
  const target = useDownloadTarget();
  const [failure, setFailure] = useState<unknown>();
  const listing = useBatchFolder(scope, folder);
  const queryClient = useQueryClient();
  const act = (work: () => Promise<unknown>) => {
    setFailure(undefined);
    work().catch((error: unknown) => setFailure(error));
  };
  const download = (entry: FileEntry) =>
    act(async () => {
      if (target.viaBrowser && !entry.isDirectory) await saveThroughBrowser(await call('files:download-to-browser', { ...scope, path: entry.path }));
      else await call('files:download', { ...scope, paths: [entry.path], localDir: target.dir, overwrite: false });
    });
  const remove = (entry: FileEntry) =>
    act(async () => {
      if (!window.confirm(`Delete ${entry.path} from node ${scope.nodeId}${entry.isDirectory ? ' with everything in it' : ''}? This cannot be undone.`)) return;
      await call('files:delete', { ...scope, path: entry.path, recursive: entry.isDirectory });
      await queryClient.invalidateQueries({ queryKey: ['files:list', scope.accountId, scope.poolId, scope.nodeId] });
    });
  const go = (path: string) => {
    setPreview(undefined);
    setFolder(path);
  };
  return (
    <div className={styles.box} data-testid="batch-file-browser">
      <div className={styles.row}>
        <PathCrumbs rootLabel="Node root" rootPath="" path={folder} onGo={go} />
        <Button size="small" onClick={() => void listing.refetch()}>
          Refresh
        </Button>
        {listing.isFetching && <Spinner size="tiny" />}
      </div>
      <DownloadFolderField target={target} />
      {failure !== undefined && <ServiceErrorMessage error={failure} />}
      {listing.isError && <ServiceErrorMessage error={listing.error} />}
      {listing.data && (
        <FileTable
          label={`Files of ${scope.nodeId} in ${folder || 'the node root'}`}
          entries={listing.data.entries}
          onOpenFolder={(entry) => go(entry.path)}
          onOpenFile={(entry) => setPreview(entry.path)}
          actions={(entry) => (
            <>
              <RowButton label={`Download ${entry.name}`} onClick={() => download(entry)}>
                Download
              </RowButton>
              <RowButton label={`Delete ${entry.name}`} onClick={() => remove(entry)}>
                Delete
              </RowButton>
            </>
          )}
        />
      )}
      {preview ? (
        <NodeFileTail key={preview} poolId={scope.poolId} nodeId={scope.nodeId} path={preview} follow={false} onStopFollowing={() => undefined} />
      ) : (
        <Caption1>Click a file to preview its last 64 KiB; “Load earlier” reads further back.</Caption1>
      )}
    </div>
  );
}
