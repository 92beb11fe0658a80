import { Caption1, tokens } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { call } from '../ipc/client';

/** The bottom bar: app version and host, fetched through the contract (`app:info`). */
export function StatusBar() {
  const info = useQuery({ queryKey: ['app:info'], queryFn: () => call('app:info', {}), staleTime: Infinity });
  const hostLabel = info.data?.host === 'electron' ? 'Electron' : 'Web host (browser)';
  return (
    <footer
      role="contentinfo"
      data-testid="status-bar"
      style={{
        display: 'flex',
        gap: 16,
        padding: '4px 12px',
        borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
        background: tokens.colorNeutralBackground2,
      }}
    >
      {info.data ? (
        <>
          <Caption1 data-testid="status-version">Batch Deck {info.data.version}</Caption1>
          <Caption1 data-testid="status-host">{hostLabel}</Caption1>
          <Caption1>{info.data.platform}</Caption1>
        </>
      ) : (
        <Caption1>{info.isError ? 'App info unavailable' : 'Connecting…'}</Caption1>
      )}
    </footer>
  );
}
