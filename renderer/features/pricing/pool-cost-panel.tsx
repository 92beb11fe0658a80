import { makeStyles } from '@fluentui/react-components';
import { useImages } from '../images/use-images';
import { PriceEstimate } from './price-estimate';
import { PoolRetirementWarnings } from './retirement-warnings';

const useStyles = makeStyles({ panel: { display: 'grid', gap: '8px', minWidth: 0 } });

/** What the create-pool form needs from its draft. */
export interface PoolCostDraft {
  vmSize: string;
  targetDedicatedNodes: number;
  targetSpotNodes: number;
  nodeAgentSkuId: string;
  image: { publisher: string; offer: string; sku: string };
}

/** Next to VM size and node counts: the price estimate and whatever of the choice is being retired. */
export function PoolCostPanel(props: { accountId: string; draft: PoolCostDraft }) {
  const { draft } = props;
  const styles = useStyles();
  const images = useImages(props.accountId).data?.images;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const image = images?.find(
    (i) => same(i.publisher, draft.image.publisher) && same(i.offer, draft.image.offer) && same(i.sku, draft.image.sku) && same(i.nodeAgentSkuId, draft.nodeAgentSkuId),
  );
  return (
    <div className={styles.panel}>
      <PriceEstimate accountId={props.accountId} vmSize={draft.vmSize} dedicatedNodes={draft.targetDedicatedNodes} spotNodes={draft.targetSpotNodes} />
      <PoolRetirementWarnings pool={{ vmSize: draft.vmSize, nodeAgentSkuId: draft.nodeAgentSkuId, ...(image ? { image } : {}) }} />
    </div>
  );
}
