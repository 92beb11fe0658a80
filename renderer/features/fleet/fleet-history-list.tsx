import { Button, Caption1, Text } from '@fluentui/react-components';
import type { FleetHistoryEntry } from '../../../contract/features/fleet';
import { nodesText } from './fleet-group-card';
import { useFleetStyles } from './fleet-styles';

/** The pool's last commands with their group summaries; "Use again" puts a command back in the form. */
export function FleetHistoryList(props: { entries: FleetHistoryEntry[]; onReuse(command: string): void }) {
  const styles = useFleetStyles();
  if (props.entries.length === 0) return null;
  return (
    <section aria-label="Recent commands" className={styles.history} data-testid="fleet-history">
      <Text weight="semibold">Recent commands on this pool</Text>
      {props.entries.map((entry) => (
        <div key={entry.operationId} className={styles.historyItem}>
          <Button size="small" onClick={() => props.onReuse(entry.command)}>
            Use again
          </Button>
          <code>{entry.command.length > 80 ? `${entry.command.slice(0, 79)}…` : entry.command}</code>
          <Caption1>
            {entry.targetLabel} as {entry.userName}, {new Date(entry.startedAt).toLocaleString()}
            {entry.state !== 'finished' ? ` (${entry.state})` : ''}:{' '}
            {entry.groups.map((g) => `${nodesText(g.count)} ${g.kind === 'unreachable' ? `unreachable (${g.end})` : `"${g.preview}"`}`).join(' · ')}
          </Caption1>
        </div>
      ))}
    </section>
  );
}
