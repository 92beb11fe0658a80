import { Caption1, Tab, TabList, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { toAzCliCommand, type PoolAddBody } from '../../../../contract/features/batch';
import type { AccountRef } from '../../../../contract/features/batch-models';
import { CopyButton } from '../../../components/copy-button';

/** The request as JSON and as an `az batch pool create --json-file` command, both copyable. */
export function RequestPreview(props: { body: PoolAddBody; valid: boolean; account?: AccountRef }) {
  const [tab, setTab] = useState<'json' | 'az'>('json');
  const json = JSON.stringify(props.body, null, 2);
  const az = toAzCliCommand(props.body, props.account);
  const text = tab === 'json' ? json : az;
  return (
    <aside aria-label="Request preview" style={{ display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <TabList size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as 'json' | 'az')}>
          <Tab value="json">Request JSON</Tab>
          <Tab value="az">az CLI</Tab>
        </TabList>
        <CopyButton text={text} label={tab === 'json' ? 'Copy request JSON' : 'Copy az command'} />
      </div>
      {!props.valid && <Caption1 style={{ color: tokens.colorPaletteRedForeground1 }}>Some fields need fixing; the service would refuse this request.</Caption1>}
      <pre
        data-testid={tab === 'json' ? 'preview-json' : 'preview-az'}
        style={{
          margin: 0,
          padding: 12,
          background: tokens.colorNeutralBackground3,
          borderRadius: 4,
          fontSize: 12,
          overflow: 'auto',
          maxHeight: 'calc(100vh - 260px)',
          whiteSpace: 'pre',
        }}
      >
        {text}
      </pre>
    </aside>
  );
}
