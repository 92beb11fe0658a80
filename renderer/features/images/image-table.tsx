import { Badge, Button, makeStyles, Tooltip, tokens } from '@fluentui/react-components';
import type { SupportedImage } from '../../../contract/features/batch-models';
import { VirtualTable, type VirtualColumn } from '../../components/virtual-table';
import { imageRetirements } from '../../../contract/features/retirement-images';
import { RetirementBadge } from '../pricing/retirement-warnings';
import { daysUntilEndOfLife, endOfLifeWarningDays } from './image-filters';

const columns: VirtualColumn[] = [
  { key: 'publisher', header: 'Publisher' },
  { key: 'offer', header: 'Offer', grow: 1 },
  { key: 'sku', header: 'SKU', grow: 1 },
  { key: 'version', header: 'Version' },
  { key: 'agent', header: 'Node agent SKU' },
  { key: 'verification', header: 'Verification' },
  { key: 'capabilities', header: 'Capabilities', grow: 1, max: 220 },
  { key: 'eol', header: 'End of life' },
  { key: 'action', header: '', min: 118 },
];

const useStyles = makeStyles({
  dimmed: { color: tokens.colorNeutralForeground3 },
  warning: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  empty: { padding: tokens.spacingHorizontalL },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** The end-of-life cell: the date, highlighted when it is near or past. */
function EndOfLife(props: { image: SupportedImage; now: number }) {
  const styles = useStyles();
  const days = daysUntilEndOfLife(props.image, props.now);
  if (days === undefined) return <span className={styles.dimmed}>—</span>;
  const date = props.image.endOfLife?.slice(0, 10);
  if (days > endOfLifeWarningDays) return <span>{date}</span>;
  const text = days < 0 ? 'ended' : `in ${days} days`;
  return (
    <Tooltip content={`Batch stops accepting new pools with this image on ${date}.`} relationship="description">
      <span data-testid="eol-near" className={styles.warning}>
        {date} ({text})
      </span>
    </Tooltip>
  );
}

/** The images table, virtualized; each Linux row can start the create-pool form with its image and agent SKU. */
export function ImageTable(props: { images: SupportedImage[]; now: number; onCreatePool: (image: SupportedImage) => void }) {
  const { images, now } = props;
  const styles = useStyles();
  const key = (i: SupportedImage) => `${i.publisher}/${i.offer}/${i.sku}/${i.version}/${i.nodeAgentSkuId}`;
  return (
    <VirtualTable
      label="Supported images"
      testId="images-table"
      columns={columns}
      rowCount={images.length}
      rowKey={(index) => key(images[index] as SupportedImage)}
      height="calc(100vh - 330px)"
      rowHeight={36}
      empty={<p className={styles.empty}>No image matches these filters.</p>}
      renderCell={(index, column) => {
        const image = images[index] as SupportedImage;
        switch (column) {
          case 'publisher':
            return <span title={image.publisher}>{image.publisher}</span>;
          case 'offer':
            return <span title={image.offer}>{image.offer}</span>;
          case 'sku':
            return <><RetirementBadge compact warnings={imageRetirements(image, now)} /> <span title={image.sku}>{image.sku}</span></>;
          case 'version':
            return image.version;
          case 'agent':
            return <code className={styles.mono} title={image.nodeAgentSkuId}>{image.nodeAgentSkuId}</code>;
          case 'verification':
            return (
              <Badge appearance="tint" color={image.verification === 'verified' ? 'success' : 'warning'}>
                {image.verification}
              </Badge>
            );
          case 'capabilities':
            return <span title={[image.architecture, ...image.capabilities].join(', ')}>{[image.architecture, ...image.capabilities].join(', ')}</span>;
          case 'eol':
            return <EndOfLife image={image} now={now} />;
          case 'action':
            return image.osType === 'linux' ? (
              <Button size="small" appearance="primary" onClick={() => props.onCreatePool(image)} aria-label={`Create a pool with ${image.offer} ${image.sku}`}>
                Create pool…
              </Button>
            ) : (
              <Tooltip content="Batch Deck creates Linux pools with SSH access." relationship="description">
                <span className={styles.dimmed}>Windows</span>
              </Tooltip>
            );
          default:
            return null;
        }
      }}
    />
  );
}
