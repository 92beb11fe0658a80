import { useEffect } from 'react';
import type { NodeRow } from '../../../contract/features/batch-models';
import { useScopedAccountId } from '../accounts/account-scope';
import { FleetCommandForm } from './fleet-command-form';
import { FleetHistoryList } from './fleet-history-list';
import { FleetResultView } from './fleet-result-view';
import { useFleetStyles } from './fleet-styles';
import { useFleetCommand, useFleetDraft, useFleetHistory } from './use-fleet';

/**
 * "Run command" on a pool: the form, the latest command's grouped answers (found again after a reload) and the
 * pool's recent commands. The pool page passes its selection and how to show nodes selected in the heat map and table.
 */
export function FleetPanel(props: { poolId: string; rows: NodeRow[]; selected: ReadonlySet<string>; onSelectInPool(ids: string[]): void }) {
  const styles = useFleetStyles();
  const accountId = useScopedAccountId();
  const { latest, start, result, cancel, running } = useFleetCommand(accountId, props.poolId);
  const history = useFleetHistory(accountId, props.poolId);
  const { setCommand, chooseNodes, clearNodes } = useFleetDraft();
  // A group's nodes and a picked target belong to the pool they were chosen on.
  useEffect(() => clearNodes(), [props.poolId, clearNodes]);
  return (
    <div className={styles.panel} data-testid="fleet-panel">
      <FleetCommandForm
        poolId={props.poolId}
        rows={props.rows}
        selected={props.selected}
        running={running}
        error={start.error}
        onRun={(input) => start.mutate(input)}
      />
      {latest && (
        <FleetResultView
          operation={latest}
          result={result.data?.operationId === latest.summary.operationId ? result.data : undefined}
          onCancel={cancel}
          onSelect={props.onSelectInPool}
          onRunOn={(ids, label) => chooseNodes(label, ids)}
        />
      )}
      <FleetHistoryList entries={history.data ?? []} onReuse={setCommand} />
    </div>
  );
}
