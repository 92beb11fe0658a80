import { Button, makeStyles, Switch, Tab, TabList, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import type { FileChunk } from '../../../contract/features/batch-models';
import { reportError } from '../../components/error-surface';
import { call } from '../../ipc/client';
import { downloadTaskFile } from './task-file-download';
import { NodeFileTail } from '../pools/detail/node-file-tail';

const files = ['stdout.txt', 'stderr.txt'] as const;
type OutputFile = (typeof files)[number];

const useStyles = makeStyles({ bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' } });

/**
 * A task's stdout.txt / stderr.txt as a tail (ranged reads) that follows while the task runs and reads the end once
 * more when it completes; each file downloads whole.
 */
export function TaskOutput(props: { accountId: string; jobId: string; taskId: string; running: boolean; nodeId: string }) {
  const { accountId, jobId, taskId, running } = props;
  const styles = useStyles();
  const [path, setPath] = useState<OutputFile>('stderr.txt');
  const [follow, setFollow] = useState(true);
  const [downloading, setDownloading] = useState(false);
  const read = useCallback(
    (request: { fromByte?: number; maxBytes: number; tail: boolean }): Promise<FileChunk> => call('tasks:file-read', { accountId, jobId, taskId, path, ...request }),
    [accountId, jobId, taskId, path],
  );
  const save = () => {
    setDownloading(true);
    downloadTaskFile(accountId, jobId, taskId, path)
      .catch(reportError)
      .finally(() => setDownloading(false));
  };
  return (
    <section aria-label="Task output">
      <div className={styles.bar}>
        <TabList size="small" selectedValue={path} onTabSelect={(_, d) => setPath(d.value as OutputFile)} aria-label="Output file">
          {files.map((f) => (
            <Tab key={f} value={f}>
              {f}
            </Tab>
          ))}
        </TabList>
        <Switch label="Follow while running" checked={follow && running} disabled={!running} onChange={(_, d) => setFollow(d.checked)} />
        <Button size="small" icon={<ArrowDownloadRegular />} onClick={save} disabled={downloading}>
          {downloading ? 'Downloading…' : `Download ${path}`}
        </Button>
      </div>
      <NodeFileTail
        // A fresh tail when the file or the task's running state changes: a task that just completed is read to its end once more.
        key={`${path}:${running}`}
        poolId=""
        nodeId={props.nodeId}
        path={path}
        follow={follow && running}
        onStopFollowing={() => setFollow(false)}
        other={{ read, label: `${path} of task ${taskId}`, missing: `No ${path} yet: the task has not started on a node, or its files were cleaned up.`, testId: 'task-output' }}
      />
    </section>
  );
}
