import { Badge, makeStyles, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, tokens, Tooltip } from '@fluentui/react-components';
import { ErrorCircleFilled, InfoFilled, WarningFilled } from '@fluentui/react-icons';
import type { RetirementSeverity, RetirementWarning } from '../../../contract/features/retirement';
import { assertNever } from '../../../contract/result';
import { useNow } from '../../components/use-now';
import { poolRetirements, type PoolMakeup } from './pool-retirements';

const useStyles = makeStyles({
  list: { display: 'grid', gap: '6px', minWidth: 0 },
  tip: { display: 'grid', gap: '6px' },
  icon: { verticalAlign: 'middle', fontSize: '16px' },
  retired: { color: tokens.colorPaletteRedForeground1 },
  soon: { color: tokens.colorPaletteDarkOrangeForeground1 },
  announced: { color: tokens.colorNeutralForeground3 },
});

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
        <MessageBar key={w.key} layout="multiline" intent={intentOf(w.severity)} data-testid="retirement-warning" data-severity={w.severity}>
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

/** The most severe of some warnings. */
function worst(warnings: readonly RetirementWarning[]): RetirementSeverity {
  if (warnings.some((w) => w.severity === 'retired')) return 'retired';
  return warnings.some((w) => w.severity === 'soon') ? 'soon' : 'announced';
}

const icons = { retired: ErrorCircleFilled, soon: WarningFilled, announced: InfoFilled } as const;

/**
 * A badge for table rows (pool list; `compact`: an icon for the image rows, where space is short). The tooltip carries
 * every warning in full.
 */
export function RetirementBadge(props: { warnings: readonly RetirementWarning[]; compact?: boolean }) {
  const styles = useStyles();
  const { warnings } = props;
  if (warnings.length === 0) return null;
  const severity = worst(warnings);
  const label = severity === 'retired' ? 'retired' : 'retiring';
  const tip = (
    <div className={styles.tip}>
      {warnings.map((w) => (
        <span key={w.key}>{describeRetirement(w)}</span>
      ))}
    </div>
  );
  const Icon = icons[severity];
  return (
    <Tooltip content={tip} relationship="description">
      {props.compact ? (
        <Icon className={mergeClasses(styles.icon, styles[severity])} data-testid="retirement-badge" aria-label={label} role="img" tabIndex={0} />
      ) : (
        <Badge size="small" appearance="tint" color={severity === 'retired' ? 'danger' : severity === 'soon' ? 'warning' : 'informative'} data-testid="retirement-badge" tabIndex={0}>
          {label}
        </Badge>
      )}
    </Tooltip>
  );
}

/** The retirement warnings of a pool (or draft), kept true as time passes. */
export function PoolRetirementWarnings(props: { pool: PoolMakeup }) {
  const now = useNow(60_000);
  return <RetirementWarnings warnings={poolRetirements(props.pool, now)} />;
}
