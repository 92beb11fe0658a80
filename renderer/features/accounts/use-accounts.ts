import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RequestIn } from '../../../contract/channels';
import type { AccountView } from '../../../contract/features/accounts';
import { call, onEvent } from '../../ipc/client';
import { useWindowAccountStore } from './window-account';

/** Query key of the account list. */
export const accountsQueryKey = ['accounts:list'] as const;
/** The account list's query: every window asks for it first (the shell and the Accounts page both need it). */
export const accountsQuery = { queryKey: accountsQueryKey, queryFn: () => call('accounts:list', {}) };
/** Query key of one account's pool count. */
export const poolCountQueryKey = (id: string) => ['accounts:check', id] as const;

/** The account list, kept live by `accounts:changed` events from main (sandbox starting → ready, edits, sign-out). */
export function useAccounts() {
  const client = useQueryClient();
  useEffect(
    () => onEvent('accounts:changed', ({ accounts }) => client.setQueryData(accountsQueryKey, accounts)),
    [client],
  );
  return useQuery(accountsQuery);
}

/**
 * The account's pool count through the real Batch API (proves the account works). Asked again when the account's
 * status changes (e.g. the sandbox became ready); failures show on the card, not in the global error bar.
 */
export function usePoolCount(account: AccountView) {
  const enabled = account.status.state !== 'starting' && account.status.state !== 'stopped';
  return useQuery({
    queryKey: [...poolCountQueryKey(account.id), account.status.state === 'ready' ? 'ready' : 'not-ready'],
    queryFn: () => call('accounts:check', { id: account.id }),
    enabled,
    retry: false,
    meta: { silent: true },
  });
}

/** Add, edit, remove, activate and restart; each failure stays with the form or card that caused it. */
export function useAccountActions() {
  const client = useQueryClient();
  const replaceList = () => void client.invalidateQueries({ queryKey: accountsQueryKey });
  const addSharedKey = useMutation({
    mutationFn: (request: RequestIn<'accounts:addSharedKey'>) => call('accounts:addSharedKey', request),
    onSuccess: replaceList,
    meta: { silent: true },
  });
  const updateSharedKey = useMutation({
    mutationFn: (request: RequestIn<'accounts:updateSharedKey'>) => call('accounts:updateSharedKey', request),
    onSuccess: replaceList,
    meta: { silent: true },
  });
  const remove = useMutation({
    mutationFn: (id: string) => call('accounts:remove', { id }),
    onSuccess: replaceList,
    meta: { silent: true },
  });
  const choose = useWindowAccountStore((s) => s.choose);
  const setActive = useMutation({
    mutationFn: (id: string) => call('accounts:setActive', { id }),
    // This window moves to the account (its pages' query keys name it, so they fetch its data); main remembers it for
    // the next start. Other open windows keep their own account.
    onSuccess: (account) => {
      choose(account.id);
      replaceList();
    },
  });
  const restartSandbox = useMutation({
    mutationFn: () => call('accounts:restartSandbox', {}),
    onSuccess: replaceList,
    meta: { silent: true },
  });
  return { addSharedKey, updateSharedKey, remove, setActive, restartSandbox };
}
