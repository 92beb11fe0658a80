import { Body1, Button, Field, Input, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useNavigation } from '../../../navigation';
import { fieldState, type FormSectionProps } from './form-section';
import { useFormStyles } from './form-styles';

const useStyles = makeStyles({
  manualGrid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: tokens.spacingHorizontalM },
});

/** The image and its node agent SKU: carried from the Images page; typed by hand only when the user insists. */
export function ImageFields(props: FormSectionProps & { manual: boolean; setManual: (manual: boolean) => void }) {
  const styles = useFormStyles();
  const local = useStyles();
  const { draft, change, manual } = props;
  const go = useNavigation((s) => s.go);
  const chosen = draft.image.publisher && draft.image.offer && draft.image.sku;
  const imageError = props.error('image.publisher') ?? props.error('image.offer') ?? props.error('image.sku') ?? props.error('nodeAgentSkuId');
  const setImage = (key: keyof typeof draft.image, value: string) => change({ image: { ...draft.image, [key]: value } });
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Image (Virtual Machine Configuration)</legend>
      {!manual && (
        <div className={styles.row}>
          <Body1 data-testid="chosen-image" className={chosen ? undefined : styles.dimmed}>
            {chosen ? (
              <>
                <code>
                  {draft.image.publisher}/{draft.image.offer}/{draft.image.sku}/{draft.image.version}
                </code>{' '}
                with agent <code>{draft.nodeAgentSkuId}</code>
              </>
            ) : (
              'No image chosen yet.'
            )}
          </Body1>
          <Button size="small" onClick={() => go('images')}>
            {chosen ? 'Choose another image…' : 'Choose from supported images…'}
          </Button>
        </div>
      )}
      {!manual && imageError && (
        <Body1 role="alert" className={styles.error}>
          {imageError}
        </Body1>
      )}
      <Switch label="Enter the image and agent SKU by hand" checked={manual} onChange={(_, d) => props.setManual(d.checked)} />
      {manual && (
        <div className={local.manualGrid}>
          <Field label="Publisher" {...fieldState(props, 'image.publisher')}>
            <Input value={draft.image.publisher} onChange={(_, d) => setImage('publisher', d.value)} aria-label="Publisher" />
          </Field>
          <Field label="Offer" {...fieldState(props, 'image.offer')}>
            <Input value={draft.image.offer} onChange={(_, d) => setImage('offer', d.value)} aria-label="Offer" />
          </Field>
          <Field label="SKU" {...fieldState(props, 'image.sku')}>
            <Input value={draft.image.sku} onChange={(_, d) => setImage('sku', d.value)} aria-label="SKU" />
          </Field>
          <Field label="Version" {...fieldState(props, 'image.version')}>
            <Input value={draft.image.version} onChange={(_, d) => setImage('version', d.value)} aria-label="Version" />
          </Field>
          <Field label="Node agent SKU" hint="Must be the one the Images page lists for this image." {...fieldState(props, 'nodeAgentSkuId')}>
            <Input value={draft.nodeAgentSkuId} onChange={(_, d) => change({ nodeAgentSkuId: d.value })} aria-label="Node agent SKU" />
          </Field>
        </div>
      )}
    </fieldset>
  );
}
