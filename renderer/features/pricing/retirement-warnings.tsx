import { Badge, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Tooltip } from '@fluentui/react-components';
import type { RetirementSeverity, RetirementWarning } from '../../../contract/features/retirement';
import { assertNever } from '../../../contract/result';
import { useNow } from '../../components/use-now';
import { poolRetirements, type PoolMakeup } from './pool-retirements';

const useStyles = makeStyles({ list: { display: 'grid', gap: '6px' } });

function intentOf(severity: RetirementSeverity): 'error' | 'warning' | 'info' {
  switch (severity) {
    case 'retired':
      return 'error';
    case 'soon':
      return 'warning';
    case 'announced':
      return 'info';
    default:
      return assertNever(severity, 'retirement severity');
  }
}

/** "on 2028-05-01" or "date to be announced". */
function when(warning: RetirementWarning): string {
  return warning.date ? warning.date : 'date to be announced';
}

/** One line per warning, for tooltips and accessible names. */
export function describeRetirement(warning: RetirementWarning): string {
  return `${warning.subject}: ${warning.message} (${when(warning)}; see ${warning.source})`;
}

/** Retirement warnings where an operator decides: what retires, when, what to do, and where to read more. */
export function RetirementWarnings(props: { warnings: readonly RetirementWarning[] }) {
  const styles = useStyles();
  if (props.warnings.length === 0) return null;
  return (
    <div className={styles.list}>
      {props.warnings.map((w) => (
        <MessageBar key={w.key} intent={intentOf(w.severity)} data-testid="retirement-warning" data-severity={w.severity}>
          <MessageBarBody>
            <MessageBarTitle>
              {w.subject} {w.severity === 'retired' ? 'retired' : 'retiring'} ({when(w)})
            </MessageBarTitle>
            {w.message} See {w.source}.
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}

/** A compact badge for tables (pool list, image rows); the tooltip carries every warning. */
export function RetirementBadge(props: { warnings: readonly RetirementWarning[] }) {
  const { warnings } = props;
  if (warnings.length === 0) return null;
  const retired = warnings.some((w) => w.severity === 'retired');
  const soon = warnings.some((w) => w.severity === 'soon');
  const label = retired ? 'retired' : 'retiring';
  return (
    <Tooltip content={warnings.map(describeRetirement).join('\n')} relationship="description">
      <Badge size="small" appearance="tint" color={retired ? 'danger' : soon ? 'warning' : 'informative'} data-testid="retirement-badge" tabIndex={0}>
        {label}
      </Badge>
    </Tooltip>
  );
}

/** The retirement warnings of a pool (or draft), kept true as time passes. */
export function PoolRetirementWarnings(props: { pool: PoolMakeup }) {
  const now = useNow(60_000);
  return <RetirementWarnings warnings={poolRetirements(props.pool, now)} />;
}
