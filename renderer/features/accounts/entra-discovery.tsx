import { Body1, Button, Caption1, Checkbox, Dropdown, Field, MessageBar, MessageBarBody, MessageBarTitle, mergeClasses, Option, Spinner, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { DiscoveredSubscription, IdentityView } from '../../../contract/features/accounts';
import { errorTitles } from '../../ipc/error-text';
import { useLayoutStyles } from '../../theme/layout-styles';
import { InlineError } from './inline-error';
import { useDiscovery, useEntraActions, useIdentities, useTenants } from './use-entra';

/** Signed-in identities: for each, a tenant picker, the discovered subscriptions and accounts, and sign-out. */
export function EntraIdentities() {
  const identities = useIdentities();
  const layout = useLayoutStyles();
  if (identities.isError) return <InlineError error={identities.error} />;
  if (!identities.data?.length) return null;
  return (
    <div className={mergeClasses(layout.stackLoose, layout.readable)}>
      {identities.data.map((identity) => (
        <IdentityPanel key={identity.id} identity={identity} />
      ))}
    </div>
  );
}

function IdentityPanel(props: { identity: IdentityView }) {
  const { identity } = props;
  const tenants = useTenants(identity.id);
  const [tenantId, setTenantId] = useState<string>();
  const chosen = tenantId ?? identity.homeTenantId;
  const discovery = useDiscovery(identity.id, chosen);
  const { signOut } = useEntraActions();
  const layout = useLayoutStyles();
  return (
    <section aria-label={`Signed in as ${identity.username}`} className={layout.stack}>
      <div className={layout.header}>
        <Subtitle2 as="h3">{identity.username}</Subtitle2>
        <Caption1>{identity.cloud} cloud</Caption1>
        <Button size="small" onClick={() => signOut.mutate(identity.id)} disabled={signOut.isPending}>
          Sign out
        </Button>
      </div>
      <InlineError error={signOut.error ?? tenants.error} />
      <Field label="Tenant">
        <Dropdown
          aria-label="Tenant"
          value={tenants.data?.find((t) => t.tenantId === chosen)?.displayName ?? chosen}
          selectedOptions={[chosen]}
          onOptionSelect={(_, d) => d.optionValue && setTenantId(d.optionValue)}
        >
          {(tenants.data ?? []).map((t) => (
            <Option key={t.tenantId} value={t.tenantId} text={t.displayName}>
              {t.displayName} ({t.defaultDomain || t.tenantId})
            </Option>
          ))}
        </Dropdown>
      </Field>
      {discovery.isFetching && <Spinner size="tiny" label="Finding subscriptions and Batch accounts…" labelPosition="after" />}
      <InlineError error={discovery.error} />
      {discovery.data && <DiscoveredAccounts identityId={identity.id} tenantId={chosen} subscriptions={discovery.data} />}
    </section>
  );
}

/** One subscription whose Batch accounts could not be listed: the others are still shown; this says why. */
function ListingFailed(props: { subscription: DiscoveredSubscription }) {
  const error = props.subscription.error;
  if (!error) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="subscription-listing-failed">
      <MessageBarBody>
        <MessageBarTitle>Could not list the Batch accounts of {props.subscription.displayName}</MessageBarTitle>
        {errorTitles[error.code]}: {error.message}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Checkboxes for the discovered accounts; empty subscriptions and tenants say so instead of showing nothing. */
function DiscoveredAccounts(props: { identityId: string; tenantId: string; subscriptions: DiscoveredSubscription[] }) {
  const [picked, setPicked] = useState<string[]>([]);
  const { addAccounts } = useEntraActions();
  const layout = useLayoutStyles();
  if (props.subscriptions.length === 0) {
    return <Body1>This tenant has no subscriptions you can see. Pick another tenant, or ask for access to a subscription.</Body1>;
  }
  const toggle = (resourceId: string, on: boolean) => setPicked((all) => (on ? [...all, resourceId] : all.filter((r) => r !== resourceId)));
  return (
    <div className={layout.stack}>
      {props.subscriptions.map((s) => (
        <div key={s.subscriptionId}>
          <Body1>
            <strong>{s.displayName}</strong> <Caption1>{s.subscriptionId}</Caption1>
          </Body1>
          {s.error ? <ListingFailed subscription={s} /> : s.accounts.length === 0 && <Caption1>No Batch accounts in this subscription.</Caption1>}
          {s.accounts.map((a) => (
            <Checkbox
              key={a.resourceId}
              label={`${a.name} (${a.location}) ${a.added ? '— already added' : ''}`}
              disabled={a.added}
              checked={a.added || picked.includes(a.resourceId)}
              onChange={(_, d) => toggle(a.resourceId, Boolean(d.checked))}
            />
          ))}
        </div>
      ))}
      <Button
        appearance="primary"
        disabled={picked.length === 0 || addAccounts.isPending}
        onClick={() => addAccounts.mutate({ identityId: props.identityId, tenantId: props.tenantId, resourceIds: picked }, { onSuccess: () => setPicked([]) })}
      >
        Add {picked.length || ''} selected
      </Button>
      <InlineError error={addAccounts.error} />
    </div>
  );
}
