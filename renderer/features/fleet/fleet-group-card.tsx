import { Badge, Button, Caption1, Text, mergeClasses } from '@fluentui/react-components';
import { useState } from 'react';
import type { FleetEnd, FleetGroup } from '../../../contract/features/fleet';
import { useFleetStyles } from './fleet-styles';

/** `exit 0`, `signal KILL`, `timeout`: how a group's end reads. */
export function endText(end: FleetEnd): string {
  if (end.kind === 'exit') return `exit ${end.code}`;
  if (end.kind === 'signal') return `signal ${end.signal}`;
  return `timeout after ${Math.round(end.afterMs / 1000)} s`;
}

/** The first non-empty line of an answer, or what stands in for none. */
export function headlineOf(group: FleetGroup): string {
  if (group.kind === 'unreachable') return group.message;
  const line = (group.stdout || group.stderr).split('\n').find((l) => l.trim() !== '');
  return line ?? '(no output)';
}

/** "1 node" / "1,996 nodes". */
export function nodesText(count: number): string {
  return `${count.toLocaleString()} node${count === 1 ? '' : 's'}`;
}

/** Bytes as the cap note shows them (64 KiB). */
function kib(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/**
 * One group of identical answers (or of nodes unreachable for one reason): its size and first line; opened, the whole
 * output (with the cap when hit) and its nodes, and the actions on those nodes.
 */
export function FleetGroupCard(props: { group: FleetGroup; capBytes: number; details: Map<string, string>; onSelect(ids: string[]): void; onRunOn(ids: string[], label: string): void }) {
  const { group } = props;
  const styles = useFleetStyles();
  const [open, setOpen] = useState(false);
  const title = `${nodesText(group.count)}${group.kind === 'unreachable' ? ' unreachable' : ''}: ${headlineOf(group)}`;
  return (
    <section aria-label={title} data-testid="fleet-group" className={mergeClasses(styles.group, group.kind === 'unreachable' && styles.unreachable)}>
      <div className={styles.groupHead}>
        <Text weight="semibold">{nodesText(group.count)}</Text>
        <Badge appearance="outline" color={group.kind === 'unreachable' ? 'danger' : group.end.kind === 'exit' && group.end.code === 0 ? 'success' : 'warning'}>
          {group.kind === 'unreachable' ? `unreachable: ${group.reason}` : endText(group.end)}
        </Badge>
        <span className={styles.headline} data-testid="fleet-group-headline">
          {headlineOf(group)}
        </span>
        <Button size="small" appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show output and nodes'}
        </Button>
        <Button size="small" onClick={() => props.onSelect(group.nodeIds)}>
          Select in pool view
        </Button>
        <Button size="small" onClick={() => props.onRunOn(group.nodeIds, `${nodesText(group.count)}: ${headlineOf(group).slice(0, 40)}`)}>
          Run next command on these
        </Button>
      </div>
      {open && group.kind === 'answer' && (
        <>
          {group.stdout && <pre className={styles.output}>{group.stdout}</pre>}
          {group.stdout && group.stdoutDropped > 0 && <Caption1>stdout cut at {kib(props.capBytes)}: {group.stdoutDropped.toLocaleString()} more bytes not kept.</Caption1>}
          {group.stderr && <pre className={mergeClasses(styles.output, styles.stderr)}>{group.stderr}</pre>}
          {group.stderrDropped > 0 && <Caption1>stderr cut at {kib(props.capBytes)}: {group.stderrDropped.toLocaleString()} more bytes not kept.</Caption1>}
        </>
      )}
      {open && (
        <ul className={styles.nodeList} aria-label="Nodes of this group">
          {group.nodeIds.map((id) => (
            <li key={id}>
              {id}
              {props.details.get(id) ? ` — ${props.details.get(id)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
