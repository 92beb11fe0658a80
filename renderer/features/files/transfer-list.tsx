import { Button, Caption1, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import type { OperationItem } from '../../../contract/features/operations';
import { useNow } from '../../components/use-now';
import { cancelOperation, useOperations, type TrackedOperation } from '../operations/use-operations';
import { formatBytes } from './use-files';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalM },
  transfer: { display: 'grid', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalS, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  head: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  file: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1, gridColumn: '1 / -1' },
});

/** Files shown per transfer (a folder of 10,000 files lists its first ones; the counts cover all). */
const shownFiles = 50;

function totals(op: TrackedOperation): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const item of Object.values(op.items)) {
    done += item.bytes?.done ?? 0;
    total += item.bytes?.total ?? 0;
  }
  return { done, total };
}

function fileStatus(item: OperationItem): string {
  if (item.status === 'succeeded') return item.outcome ?? 'done';
  if (item.bytes && item.status === 'running') return `${formatBytes(item.bytes.done)} of ${formatBytes(item.bytes.total)}`;
  return item.status;
}

/** One transfer: total bytes and speed, cancel, and each file's progress or what went wrong with it. */
function Transfer(props: { op: TrackedOperation; now: number }) {
  const styles = useStyles();
  const { summary } = props.op;
  const { done, total } = totals(props.op);
  const end = summary.finishedAt ? Date.parse(summary.finishedAt) : props.now;
  const seconds = Math.max(0.001, (end - Date.parse(summary.startedAt)) / 1000);
  const items = Object.values(props.op.items);
  return (
    <div className={styles.transfer} data-testid="transfer" data-state={summary.state} aria-label={`Transfer: ${summary.subject}`}>
      <div className={styles.head}>
        <Text weight="semibold">{summary.subject}</Text>
        <Caption1 data-testid="transfer-totals">
          {summary.counts.succeeded} of {summary.total} files · {formatBytes(done)} of {formatBytes(total)} · {formatBytes(done / seconds)}/s
        </Caption1>
        <Caption1>{summary.state}</Caption1>
        {summary.state === 'running' && (
          <Button size="small" onClick={() => void cancelOperation(summary.operationId)}>
            Cancel
          </Button>
        )}
      </div>
      <ProgressBar value={total > 0 ? done / total : summary.state === 'running' ? undefined : 1} aria-label={`Progress of ${summary.subject}`} />
      {items.slice(0, shownFiles).map((item) => (
        <div key={item.id} className={styles.file} data-testid="transfer-file" data-status={item.status}>
          <span>{item.id}</span>
          <span>{fileStatus(item)}</span>
          {item.error && <span className={styles.error}>{item.error.message}</span>}
        </div>
      ))}
      {items.length > shownFiles && <Caption1>…and {items.length - shownFiles} more files</Caption1>}
    </div>
  );
}

/** The file transfers of a pool in this session, newest first (they survive a reload of the window). */
export function TransferList(props: { accountId: string; poolId: string }) {
  const styles = useStyles();
  const operations = useOperations({ accountId: props.accountId, poolId: props.poolId, kinds: ['file-transfer'] });
  const now = useNow(1000);
  if (operations.length === 0) return null;
  return (
    <div className={styles.list} data-testid="transfers">
      {operations.slice(0, 10).map((op) => (
        <Transfer key={op.summary.operationId} op={op} now={now} />
      ))}
    </div>
  );
}
