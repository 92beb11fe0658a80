import { Caption1, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { toAzCliCommand, type PoolAddBody } from '../../../../contract/features/batch';
import type { AccountRef } from '../../../../contract/features/batch-models';
import { CopyButton } from '../../../components/copy-button';
import { useFormStyles } from './form-styles';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  request: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    overflow: 'auto',
    maxHeight: 'calc(100vh - 260px)',
    whiteSpace: 'pre',
  },
});

/** The request as JSON and as an `az batch pool create --json-file` command, both copyable. */
export function RequestPreview(props: { body: PoolAddBody; valid: boolean; account?: AccountRef }) {
  const styles = useStyles();
  const form = useFormStyles();
  const [tab, setTab] = useState<'json' | 'az'>('json');
  const json = JSON.stringify(props.body, null, 2);
  const az = toAzCliCommand(props.body, props.account);
  const text = tab === 'json' ? json : az;
  return (
    <aside aria-label="Request preview" className={styles.panel}>
      <div className={styles.toolbar}>
        <TabList size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as 'json' | 'az')}>
          <Tab value="json">Request JSON</Tab>
          <Tab value="az">az CLI</Tab>
        </TabList>
        <CopyButton text={text} label={tab === 'json' ? 'Copy request JSON' : 'Copy az command'} />
      </div>
      {!props.valid && <Caption1 className={form.error}>Some fields need fixing; the service would refuse this request.</Caption1>}
      <pre
        data-testid={tab === 'json' ? 'preview-json' : 'preview-az'}
        className={styles.request}
      >
        {text}
      </pre>
    </aside>
  );
}
