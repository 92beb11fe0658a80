import { Body1 } from '@fluentui/react-components';

/** Remote login table and user provisioning for one pool (built by the connect feature; pools embed it). */
export function RemoteLoginPanel(props: { poolId: string; selectedNodeIds: string[] }) {
  return (
    <Body1>
      Remote login for {props.poolId} ({props.selectedNodeIds.length} selected) will appear here.
    </Body1>
  );
}
