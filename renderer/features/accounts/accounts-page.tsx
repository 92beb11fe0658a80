import { Body1, Button, Divider, Spinner, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import { useLayoutStyles } from '../../theme/layout-styles';
import type { AccountView } from '../../../contract/features/accounts';
import { AccountCard } from './account-card';
import { EntraIdentities } from './entra-discovery';
import { EntraSignIn } from './entra-sign-in';
import { InlineError } from './inline-error';
import { SharedKeyDialog } from './shared-key-dialog';
import { useAccounts } from './use-accounts';
import { useWindowAccount } from './window-account';

/** The Accounts page: the Local sandbox, shared-key and Microsoft Entra ID accounts, and which one is active. */
export function AccountsPage() {
  const accounts = useAccounts();
  const inUse = useWindowAccount(accounts.data);
  const [dialog, setDialog] = useState<{ editing?: AccountView } | undefined>();
  const layout = useLayoutStyles();
  return (
    <section aria-labelledby="page-title" className={layout.page}>
      <div className={layout.header}>
        <Title2 as="h2" id="page-title">
          Accounts
        </Title2>
        <Button onClick={() => setDialog({})}>Add with shared key</Button>
      </div>
      <Body1>
        The active account is the one Images, Pools and Terminals in this window work with; other windows keep their own, and
        new windows start with the one chosen last. Account keys and sign-in tokens are never shown again once saved.
      </Body1>
      {accounts.isPending && <Spinner label="Loading accounts…" />}
      <InlineError error={accounts.error} />
      <div role="list" aria-label="Batch accounts" className={layout.stack}>
        {(accounts.data ?? []).map((account) => (
          <div role="listitem" key={account.id}>
            <AccountCard account={account} inUse={account.id === inUse?.id} onEdit={(editing) => setDialog({ editing })} />
          </div>
        ))}
      </div>
      <Divider />
      <EntraSignIn />
      <EntraIdentities />
      {dialog && <SharedKeyDialog open editing={dialog.editing} onClose={() => setDialog(undefined)} />}
    </section>
  );
}
