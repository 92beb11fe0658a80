import { Caption1 } from '@fluentui/react-components';
import type { RemoteLoginRow } from '../../../contract/features/provision';

/** A node's login address, with its IPv6 address and port beneath it on a dual-stack pool (`[addr]:port`). */
export function LoginAddress(props: { row: RemoteLoginRow; className: string }) {
  const { row } = props;
  return (
    <span style={{ display: 'grid' }}>
      <span className={props.className} data-testid="login-ip">
        {row.ipAddress ?? '…'}
      </span>
      {row.ipv6Address && (
        <Caption1 className={props.className} data-testid="login-ipv6" title="IPv6 login address and port">
          [{row.ipv6Address}]:{row.ipv6Port}
        </Caption1>
      )}
    </span>
  );
}
