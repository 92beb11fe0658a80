import { Caption1, Dropdown, makeStyles, Option, Switch, Tab, TabList, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { NodeFileTail, type NodeFileName } from './node-file-tail';

const useStyles = makeStyles({
  box: { display: 'grid', gap: tokens.spacingVerticalS },
  controls: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  node: { minWidth: '360px' },
});

/** The start task's stdout/stderr of one node (chosen here or from the node table), following the tail. */
export function StartTaskOutput(props: { poolId: string; nodeIds: string[]; nodeId: string | undefined; onNodeChange: (nodeId: string) => void }) {
  const { poolId, nodeId } = props;
  const [file, setFile] = useState<NodeFileName>('stdout.txt');
  const [follow, setFollow] = useState(true);
  const styles = useStyles();
  return (
    <div className={styles.box}>
      <div className={styles.controls}>
        <Dropdown
          size="small"
          aria-label="Node"
          placeholder="Choose a node"
          value={nodeId ?? ''}
          selectedOptions={nodeId ? [nodeId] : []}
          onOptionSelect={(_, d) => d.optionValue && props.onNodeChange(d.optionValue)}
          className={styles.node}
        >
          {/* A dropdown of 10,000 options helps nobody: the node table's Output button reaches any node. */}
          {props.nodeIds.slice(0, 500).map((id) => (
            <Option key={id} value={id}>
              {id}
            </Option>
          ))}
        </Dropdown>
        <TabList size="small" selectedValue={file} onTabSelect={(_, d) => setFile(d.value as NodeFileName)}>
          <Tab value="stdout.txt">stdout</Tab>
          <Tab value="stderr.txt">stderr</Tab>
        </TabList>
        <Switch label="Follow" checked={follow} onChange={(_, d) => setFollow(d.checked)} />
      </div>
      {nodeId ? (
        <NodeFileTail key={`${nodeId}/${file}`} poolId={poolId} nodeId={nodeId} path={`startup/${file}`} follow={follow} onStopFollowing={() => setFollow(false)} />
      ) : (
        <Caption1>Choose a node, or use Output on a row of the node table.</Caption1>
      )}
    </div>
  );
}
