import { useEffect } from 'react';
import { create } from 'zustand';
import type { AccountView } from '../../../contract/features/accounts';

/** sessionStorage key of this window's account: per tab/window, and kept across a reload of that window only. */
const storageKey = 'batch-deck.window-account';

interface WindowAccountState {
  /** The account this window chose (or latched from main's stored active account when it opened). */
  chosenId: string | undefined;
  choose(accountId: string): void;
}

function readStored(): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * This window's account. Each window (or browser tab) has its own, so a switch in one window never redirects what
 * another window shows or does; main's stored active account only decides where a new window starts.
 */
export const useWindowAccountStore = create<WindowAccountState>((set) => ({
  chosenId: readStored(),
  choose: (accountId) => {
    try {
      globalThis.sessionStorage?.setItem(storageKey, accountId);
    } catch {
      // Storage may be disabled; the choice still holds until the window reloads.
    }
    set({ chosenId: accountId });
  },
}));

/**
 * The window's account among `accounts`: its own choice while that account exists, else the one main stores as active
 * (a fresh window, or the chosen account was removed), else the first.
 */
export function pickWindowAccount(accounts: readonly AccountView[] | undefined, chosenId: string | undefined): AccountView | undefined {
  if (!accounts) return undefined;
  return accounts.find((a) => a.id === chosenId) ?? accounts.find((a) => a.active) ?? accounts[0];
}

/**
 * The account this window works with, given the account list. The first pick is latched as the window's own choice,
 * so a later `accounts:changed` saying another window made a different account active does not move this window.
 */
export function useWindowAccount(accounts: readonly AccountView[] | undefined): AccountView | undefined {
  const chosenId = useWindowAccountStore((s) => s.chosenId);
  const choose = useWindowAccountStore((s) => s.choose);
  const account = pickWindowAccount(accounts, chosenId);
  useEffect(() => {
    if (account && account.id !== chosenId) choose(account.id);
  }, [account, chosenId, choose]);
  return account;
}
