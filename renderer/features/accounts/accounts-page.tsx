import { PlaceholderPage } from '../../components/placeholder-page';

/** The Accounts page: Local sandbox, shared-key and Microsoft Entra ID accounts. */
export function AccountsPage() {
  return (
    <PlaceholderPage title="Accounts">
      Here you will add Batch accounts — the Local sandbox emulator, an account by URL and shared key, or accounts
      discovered after signing in with Microsoft Entra ID — and choose the active one.
    </PlaceholderPage>
  );
}
