import { Badge, Button, Caption1, MessageBar, MessageBarBody, ProgressBar, Text } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { FleetResult } from '../../../contract/features/fleet';
import type { TrackedOperation } from '../operations/use-operations';
import { doneCount } from '../operations/use-operations';
import { FleetGroupCard, nodesText } from './fleet-group-card';
import { useFleetStyles } from './fleet-styles';
import { downloadExport } from './use-fleet';

/** Groups shown before "Show all" (a pool where every node answers differently has as many groups as nodes). */
const firstGroups = 100;

/**
 * A fleet command's answers: live progress with cancel while it runs, the exit-code histogram, and the groups of
 * identical answers largest first, each able to select its nodes in the pool view or become the next command's target.
 */
export function FleetResultView(props: { operation: TrackedOperation; result: FleetResult | undefined; onCancel(): void; onSelect(ids: string[]): void; onRunOn(ids: string[], label: string): void }) {
  const styles = useFleetStyles();
  const { summary } = props.operation;
  const { result } = props;
  const [all, setAll] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const details = useMemo(() => new Map((result?.nodes ?? []).flatMap((n) => (n.detail ? [[n.nodeId, n.detail] as const] : []))), [result]);
  const running = summary.state === 'running';
  const done = doneCount(summary);
  const groups = result?.groups ?? [];
  const shown = all ? groups : groups.slice(0, firstGroups);
  const save = (format: 'json' | 'csv') => void downloadExport(summary.operationId, format).catch((e: unknown) => setExportError(e instanceof Error ? e.message : String(e)));
  return (
    <div className={styles.panel} data-testid="fleet-result">
      <div className={styles.progressRow}>
        <Text weight="semibold">
          <code>{result?.command ?? summary.subject}</code>
        </Text>
        {result && <Caption1>as {result.userName}</Caption1>}
        <Caption1 data-testid="fleet-progress">
          {running ? `${done.toLocaleString()} of ${nodesText(summary.total)} done` : `${summary.state}: ${result?.answered.toLocaleString() ?? done} of ${nodesText(summary.total)} reported`}
          {result && result.notRun.length > 0 ? `, ${nodesText(result.notRun.length)} not run` : ''}
        </Caption1>
        {running && (
          <Button size="small" onClick={props.onCancel} data-testid="fleet-cancel">
            Cancel
          </Button>
        )}
        {!running && (
          <>
            <Button size="small" onClick={() => save('json')}>
              Export JSON
            </Button>
            <Button size="small" onClick={() => save('csv')}>
              Export CSV
            </Button>
          </>
        )}
      </div>
      {running && <ProgressBar value={done / Math.max(1, summary.total)} />}
      {exportError && (
        <MessageBar intent="error">
          <MessageBarBody>Export failed: {exportError}</MessageBarBody>
        </MessageBar>
      )}
      {result && result.histogram.length > 0 && (
        <div className={styles.chips} aria-label="Exit codes" data-testid="fleet-histogram">
          <Caption1>Exit codes:</Caption1>
          {result.histogram.map((bar) => (
            <Badge key={bar.label} appearance="tint" color={bar.label === 'exit 0' ? 'success' : bar.label === 'unreachable' ? 'danger' : 'warning'}>
              {bar.label}: {bar.count.toLocaleString()}
            </Badge>
          ))}
        </div>
      )}
      <div className={styles.groups} aria-label="Answers grouped">
        {shown.map((group) => (
          <FleetGroupCard key={group.key} group={group} capBytes={result?.outputCapBytes ?? 0} details={details} onSelect={props.onSelect} onRunOn={props.onRunOn} />
        ))}
      </div>
      {groups.length > shown.length && (
        <Button appearance="subtle" onClick={() => setAll(true)}>
          Show all {groups.length.toLocaleString()} groups
        </Button>
      )}
    </div>
  );
}
