import { Badge, Body1, Button, Caption1, Card, CardHeader, makeStyles, mergeClasses, Spinner, Text, tokens, type BadgeProps } from '@fluentui/react-components';
import { useState } from 'react';
import type { AccountKind, AccountStatus, AccountView } from '../../../contract/features/accounts';
import { useLayoutStyles } from '../../theme/layout-styles';
import { InlineError } from './inline-error';
import { useAccountActions, usePoolCount } from './use-accounts';

const kindLabels: Record<AccountKind, string> = { sandbox: 'Local sandbox', sharedKey: 'Shared key', entra: 'Microsoft Entra ID' };

const statusLooks: Record<AccountStatus['state'], { label: string; color: BadgeProps['color'] }> = {
  starting: { label: 'Starting', color: 'informative' },
  ready: { label: 'Ready', color: 'success' },
  failed: { label: 'Failed', color: 'danger' },
  stopped: { label: 'Stopped', color: 'subtle' },
  unchecked: { label: 'Checking', color: 'informative' },
  signInRequired: { label: 'Sign-in required', color: 'warning' },
};

const useStyles = makeStyles({
  detail: {
    whiteSpace: 'pre-wrap',
    maxHeight: '160px',
    overflow: 'auto',
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
  },
});

/** One account: kind, endpoint, live status, pool count through the real API, and its actions; `inUse` = this window's account. */
export function AccountCard(props: { account: AccountView; inUse: boolean; onEdit(account: AccountView): void }) {
  const { account, inUse } = props;
  const actions = useAccountActions();
  const pools = usePoolCount(account);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const look = statusLooks[account.status.state];
  const layout = useLayoutStyles();
  const styles = useStyles();
  const title = account.kind === 'sandbox' ? 'Local sandbox' : account.name;

  return (
    <Card role="article" aria-label={title} data-testid={`account-${account.kind === 'sandbox' ? 'sandbox' : account.name}`} className={layout.readable}>
      <CardHeader
        header={
          <Text weight="semibold" size={400}>
            {title} {inUse && <Badge appearance="filled" color="brand">Active</Badge>}
          </Text>
        }
        description={<Caption1>{kindLabels[account.kind]}{account.username ? ` · ${account.username}` : ''}</Caption1>}
        action={
          <Badge appearance="tint" color={look.color} data-testid="account-status" icon={account.status.state === 'starting' ? <Spinner size="extra-tiny" /> : undefined}>
            {look.label}
          </Badge>
        }
      />
      <Body1 className={layout.monospace}>{account.endpoint || (account.status.state === 'starting' ? 'Starting the emulator…' : 'Not running')}</Body1>
      <Caption1 data-testid="pool-count">{poolCountText(pools.data, pools.isFetching)}</Caption1>
      {account.status.state === 'failed' && (
        <div>
          <Body1 data-testid="account-failure" data-code={account.status.code}>
            {account.status.message}
          </Body1>
          {account.status.detail && (
            <pre data-testid="account-failure-detail" className={mergeClasses(layout.monospace, styles.detail)}>
              {account.status.detail}
            </pre>
          )}
        </div>
      )}
      {pools.isError && account.status.state !== 'failed' && <InlineError error={pools.error} testId="pool-count-error" />}
      <div className={layout.row}>
        {!inUse && (
          <Button size="small" appearance="primary" onClick={() => actions.setActive.mutate(account.id)}>
            Use this account
          </Button>
        )}
        {account.kind === 'sandbox' && account.status.state !== 'starting' && (
          <Button size="small" onClick={() => actions.restartSandbox.mutate()} disabled={actions.restartSandbox.isPending}>
            {account.status.state === 'stopped' ? 'Start sandbox' : 'Restart sandbox'}
          </Button>
        )}
        {account.kind === 'sharedKey' && (
          <Button size="small" onClick={() => props.onEdit(account)}>
            Edit
          </Button>
        )}
        {account.kind !== 'sandbox' && !confirmRemove && (
          <Button size="small" onClick={() => setConfirmRemove(true)}>
            Remove
          </Button>
        )}
        {confirmRemove && (
          <>
            <Body1>Remove {account.name} and its stored secret?</Body1>
            <Button size="small" appearance="primary" onClick={() => actions.remove.mutate(account.id)} disabled={actions.remove.isPending}>
              Yes, remove
            </Button>
            <Button size="small" onClick={() => setConfirmRemove(false)}>
              Keep it
            </Button>
          </>
        )}
      </div>
      <InlineError error={actions.remove.error ?? actions.restartSandbox.error} />
    </Card>
  );
}

/** "3 pools", "1000+ pools", or what is happening instead. */
function poolCountText(data: { poolCount: number; morePools: boolean } | undefined, fetching: boolean): string {
  if (data) return `${data.poolCount}${data.morePools ? '+' : ''} ${data.poolCount === 1 && !data.morePools ? 'pool' : 'pools'}`;
  return fetching ? 'Listing pools…' : '';
}
