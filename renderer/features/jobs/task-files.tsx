import {
  Body1Strong, Button, Caption1, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowDownloadRegular } from '@fluentui/react-icons';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { reportError } from '../../components/error-surface';
import { ServiceErrorMessage } from '../../components/service-error-message';
import { call } from '../../ipc/client';
import { formatBytes } from '../files/use-files';
import { downloadTaskFile } from './task-file-download';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  name: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  size: { textAlign: 'end', whiteSpace: 'nowrap' },
});

/**
 * The task's folder (stdout/stderr, `wd/` and below) as Batch lists it, with sizes; every file downloads whole in
 * ranged reads. Listed once when shown and again on Refresh (a running task keeps writing).
 */
export function TaskFiles(props: { accountId: string; jobId: string; taskId: string }) {
  const { accountId, jobId, taskId } = props;
  const styles = useStyles();
  const [downloading, setDownloading] = useState<ReadonlySet<string>>(new Set());
  const files = useQuery({
    queryKey: ['tasks:files', accountId, jobId, taskId],
    queryFn: () => call('tasks:files', { accountId, jobId, taskId, recursive: true }),
    meta: { silent: true },
  });
  const save = (path: string) => {
    setDownloading((s) => new Set(s).add(path));
    downloadTaskFile(accountId, jobId, taskId, path)
      .catch(reportError)
      .finally(() =>
        setDownloading((s) => {
          const next = new Set(s);
          next.delete(path);
          return next;
        }),
      );
  };
  const entries = (files.data ?? []).filter((f) => !f.isDirectory).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section aria-label="Task files" data-testid="task-files">
      <div className={styles.head}>
        <Body1Strong>Files in the task folder</Body1Strong>
        <Button size="small" appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void files.refetch()} disabled={files.isFetching}>
          Refresh
        </Button>
        {files.isFetching && <Spinner size="extra-tiny" />}
      </div>
      {files.isError && <ServiceErrorMessage error={files.error} />}
      {files.isSuccess && entries.length === 0 && <Caption1>No files yet.</Caption1>}
      {entries.length > 0 && (
        <Table size="extra-small" aria-label={`Files of task ${taskId}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell className={styles.size}>Size</TableHeaderCell>
              <TableHeaderCell>Modified</TableHeaderCell>
              <TableHeaderCell />
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((f) => (
              <TableRow key={f.name} data-file={f.name}>
                <TableCell className={styles.name}>{f.name}</TableCell>
                <TableCell className={styles.size} title={f.size === undefined ? undefined : `${f.size.toLocaleString()} bytes`}>
                  {f.size === undefined ? '—' : formatBytes(f.size)}
                </TableCell>
                <TableCell>{f.lastModified ? new Date(f.lastModified).toLocaleString() : '—'}</TableCell>
                <TableCell>
                  <Button size="small" appearance="subtle" icon={<ArrowDownloadRegular />} disabled={downloading.has(f.name)} onClick={() => save(f.name)} aria-label={`Download ${f.name}`} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
