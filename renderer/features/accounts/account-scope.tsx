import { Spinner } from '@fluentui/react-components';
import { createContext, useContext, type ReactNode } from 'react';
import { useLayoutStyles } from '../../theme/layout-styles';
import { InlineError } from './inline-error';
import { useAccounts } from './use-accounts';
import { useWindowAccount } from './window-account';

const AccountScopeContext = createContext<string | undefined>(undefined);

/**
 * Names the account everything inside works on: a page for the window's account, or a pool detail page for the
 * account it was opened in (which stays put when the window, or another window, switches account).
 */
export function AccountScope(props: { accountId: string; children: ReactNode }) {
  return <AccountScopeContext.Provider value={props.accountId}>{props.children}</AccountScopeContext.Provider>;
}

/** The account of the enclosing {@link AccountScope}: pass it with every request and put it in every query key. */
export function useScopedAccountId(): string {
  const accountId = useContext(AccountScopeContext);
  if (accountId === undefined) throw new Error('useScopedAccountId() is used outside an <AccountScope>.');
  return accountId;
}

/** Scopes `children` to this window's account; shows loading or the error until the account list is known. */
export function WindowAccountScope(props: { children: ReactNode }) {
  const accounts = useAccounts();
  const account = useWindowAccount(accounts.data);
  const layout = useLayoutStyles();
  if (account) return <AccountScope accountId={account.id}>{props.children}</AccountScope>;
  if (accounts.isError) return <InlineError error={accounts.error} />;
  if (accounts.data) return <p className={layout.padded}>No account yet: add one on the Accounts page.</p>;
  return <Spinner className={layout.padded} label="Loading accounts…" />;
}
