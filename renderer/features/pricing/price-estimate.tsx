import { Caption1, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { VmPriceEstimate } from '../../../contract/features/pricing';
import { estimateCost, formatMoney, hoursPerMonth, type CostLine } from './estimate';
import { useVmPrice } from './use-vm-price';

const useStyles = makeStyles({
  box: {
    display: 'grid',
    gap: '4px',
    minWidth: 0,
    padding: '8px 12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  table: { borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums', justifySelf: 'start' },
  cell: { padding: '2px 12px 2px 0', textAlign: 'right' },
  head: { padding: '2px 12px 2px 0', textAlign: 'left', fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

const kindLabel = { dedicated: 'Dedicated', spot: 'Spot' } as const;

/** One row: the per-node price times the node count, per hour and per month. */
function LineRow(props: { line: CostLine; currency: string }) {
  const { line, currency } = props;
  const styles = useStyles();
  const missing = <span className={styles.muted}>no {kindLabel[line.kind]} price here</span>;
  return (
    <tr>
      <th scope="row" className={styles.head}>
        {kindLabel[line.kind]} × {line.nodes}
      </th>
      <td className={styles.cell}>{line.perNodeHour === undefined ? missing : `${formatMoney(line.perNodeHour, currency, true)} per node`}</td>
      <td className={styles.cell}>{line.perHour === undefined ? '—' : `${formatMoney(line.perHour, currency, true)} / hour`}</td>
      <td className={styles.cell}>{line.perMonth === undefined ? '—' : `${formatMoney(line.perMonth, currency)} / month`}</td>
    </tr>
  );
}

/** The estimate itself, once a price is known. */
function Estimate(props: { price: VmPriceEstimate; dedicatedNodes: number; spotNodes: number }) {
  const { price } = props;
  const styles = useStyles();
  const cost = estimateCost(price, props.dedicatedNodes, props.spotNodes);
  const where = price.regionSource === 'sandbox' ? `${price.region} (the sandbox's pretend region)` : price.region;
  return (
    <>
      <table className={styles.table} aria-label="Estimated cost">
        <tbody>
          {cost.lines.map((line) => (
            <LineRow key={line.kind} line={line} currency={price.currency} />
          ))}
          <tr>
            <th scope="row" className={styles.head}>
              Total
            </th>
            <td className={styles.cell} />
            <td className={styles.cell} data-testid="price-per-hour">
              {cost.perHour === undefined ? '—' : `${formatMoney(cost.perHour, price.currency, true)} / hour`}
            </td>
            <td className={styles.cell} data-testid="price-per-month">
              {cost.perMonth === undefined ? '—' : `${formatMoney(cost.perMonth, price.currency)} / month`}
            </td>
          </tr>
        </tbody>
      </table>
      <Caption1 className={styles.muted}>
        Estimate for Linux {price.vmSize} in {where}, pay-as-you-go list prices from the {price.source} as of {price.asOf.slice(0, 10)}; a month is{' '}
        {hoursPerMonth} hours. Spot nodes cost less but may be evicted at any time.
      </Caption1>
    </>
  );
}

/**
 * What the chosen VM size costs in the account's region: per node, per hour and per month, dedicated and Spot times the
 * node counts, labelled as an estimate with its date. Says "No price available — why" rather than showing 0.
 */
export function PriceEstimate(props: { accountId: string; vmSize: string; dedicatedNodes: number; spotNodes: number }) {
  const styles = useStyles();
  const price = useVmPrice(props.accountId, props.vmSize);
  let body;
  if (!price.valid) body = <Text className={styles.muted}>Type a VM size such as Standard_D2s_v5 to see its price.</Text>;
  else if (price.isError) body = <Text role="status">No price available — {price.error.message}</Text>;
  else if (!price.data || price.settling) body = <Spinner size="tiny" label="Looking up the price…" labelPosition="after" />;
  else if (!price.data.available) body = <Text role="status">No price available — {price.data.reason}.</Text>;
  else body = <Estimate price={price.data} dedicatedNodes={props.dedicatedNodes} spotNodes={props.spotNodes} />;
  return (
    <section aria-label="Price estimate" data-testid="price-estimate" className={styles.box}>
      <Text weight="semibold">Estimated cost</Text>
      {body}
    </section>
  );
}
