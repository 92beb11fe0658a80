import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, Subtitle2, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { TunnelInfo } from '../../../contract/features/tunnels';
import { ShortId } from '../../components/short-id';
import { call } from '../../ipc/client';
import { describeError } from '../../ipc/error-text';
import { openTunnelInBrowser, useTunnels } from './use-tunnels';

const useStyles = makeStyles({
  panel: { display: 'grid', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** Bytes in short words (B, KB, MB, GB). */
function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** One forward: where it goes, live counters, open in browser and close; an ended one says why. */
function TunnelRow(props: { tunnel: TunnelInfo; onError(message: string): void }) {
  const { tunnel } = props;
  const styles = useStyles();
  const fail = (error: unknown) => props.onError(describeError(error).message);
  return (
    <div className={styles.row} data-testid="tunnel-row" data-tunnel-id={tunnel.tunnelId} data-node-id={tunnel.nodeId} data-local-port={tunnel.localPort}>
      <span className={styles.mono} data-testid="tunnel-address">{tunnel.localUrl}</span>
      <Caption1>
        → port {tunnel.remotePort} on <ShortId value={tunnel.nodeId} /> as {tunnel.user}
      </Caption1>
      {tunnel.state === 'open' ? (
        <Caption1 data-testid="tunnel-stats">
          {tunnel.openConnections} open / {tunnel.totalConnections} connections · ↑ {bytes(tunnel.bytesSent)} ↓ {bytes(tunnel.bytesReceived)}
        </Caption1>
      ) : (
        <Caption1 data-testid="tunnel-ended">Ended: {tunnel.endedReason}</Caption1>
      )}
      {tunnel.lastError && tunnel.state === 'open' && <Caption1>Last failure: {tunnel.lastError}</Caption1>}
      {tunnel.state === 'open' && (
        <Button size="small" onClick={() => void openTunnelInBrowser(tunnel.tunnelId).catch(fail)}>
          Open in browser
        </Button>
      )}
      <Button size="small" onClick={() => void call('tunnels:close', { tunnelId: tunnel.tunnelId }).catch(fail)} aria-label={`Close the forward of port ${tunnel.remotePort}`}>
        {tunnel.state === 'open' ? 'Close' : 'Dismiss'}
      </Button>
    </div>
  );
}

/** The port forwards of one pool (or all, without `poolId`) in an account; nothing when there are none. */
export function TunnelsPanel(props: { accountId: string; poolId?: string }) {
  const styles = useStyles();
  const [error, setError] = useState<string>();
  const tunnels = useTunnels().filter((t) => t.accountId === props.accountId && (!props.poolId || t.poolId === props.poolId));
  if (tunnels.length === 0) return null;
  return (
    <section className={styles.panel} aria-label="Port forwards" data-testid="tunnels-panel">
      <Subtitle2>Port forwards</Subtitle2>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {tunnels.map((tunnel) => (
        <TunnelRow key={tunnel.tunnelId} tunnel={tunnel} onError={setError} />
      ))}
    </section>
  );
}
