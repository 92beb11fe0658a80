import { Caption1, makeStyles } from '@fluentui/react-components';
import type { RemoteLoginRow } from '../../../contract/features/provision';

const useStyles = makeStyles({ address: { display: 'grid' } });

/** A node's login address, with its IPv6 address and port beneath it on a dual-stack pool (`[addr]:port`). */
export function LoginAddress(props: { row: RemoteLoginRow; className: string }) {
  const { row } = props;
  const styles = useStyles();
  return (
    <span className={styles.address}>
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
