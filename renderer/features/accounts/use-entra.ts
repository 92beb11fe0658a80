import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { RequestIn } from '../../../contract/channels';
import type { SignInProgress } from '../../../contract/features/accounts';
import { call, onEvent } from '../../ipc/client';
import { accountsQueryKey } from './use-accounts';

/** Query key of the signed-in identities. */
export const identitiesQueryKey = ['entra:identities'] as const;

interface SignInState {
  /** The sign-in this window started, and its latest progress. */
  signInId?: string;
  progress?: SignInProgress;
  started(signInId: string): void;
  update(progress: SignInProgress): void;
  clear(): void;
}

/** The current sign-in's progress: browser URL, device code, then done / failed / cancelled. */
export const useSignInState = create<SignInState>((set, get) => ({
  started: (signInId) => set({ signInId, progress: undefined }),
  update: (progress) => {
    if (progress.signInId === get().signInId) set({ progress });
  },
  clear: () => set({ signInId: undefined, progress: undefined }),
}));

/**
 * Follows `entra:signInProgress`. In the web host main cannot open the OS browser, so the renderer opens the sign-in
 * page in a new tab (and the panel shows the link in case a pop-up blocker stopped it).
 */
export function useSignInEvents() {
  const client = useQueryClient();
  useEffect(
    () =>
      onEvent('entra:signInProgress', (progress) => {
        useSignInState.getState().update(progress);
        if (progress.state === 'waitingForBrowser' && !progress.openedByHost && progress.signInId === useSignInState.getState().signInId) {
          window.open(progress.url, '_blank', 'noopener');
        }
        if (progress.state === 'completed') {
          void client.invalidateQueries({ queryKey: identitiesQueryKey });
          void client.invalidateQueries({ queryKey: accountsQueryKey });
        }
      }),
    [client],
  );
}

/** Starts and cancels sign-ins. */
export function useSignInActions() {
  const start = useMutation({
    mutationFn: (request: RequestIn<'entra:signIn'>) => call('entra:signIn', request),
    onMutate: () => useSignInState.getState().clear(),
    onSuccess: ({ signInId }) => useSignInState.getState().started(signInId),
    meta: { silent: true },
  });
  const cancel = useMutation({
    mutationFn: (signInId: string) => call('entra:cancelSignIn', { signInId }),
    meta: { silent: true },
  });
  return { start, cancel };
}

/** Identities signed in now. */
export function useIdentities() {
  return useQuery({ queryKey: identitiesQueryKey, queryFn: () => call('entra:identities', {}) });
}

/** Tenants an identity can use. */
export function useTenants(identityId: string | undefined) {
  return useQuery({
    queryKey: ['entra:tenants', identityId],
    queryFn: () => call('entra:tenants', { identityId: identityId as string }),
    enabled: Boolean(identityId),
    meta: { silent: true },
  });
}

/** Subscriptions and Batch accounts of a tenant. */
export function useDiscovery(identityId: string | undefined, tenantId: string | undefined) {
  return useQuery({
    queryKey: ['entra:discover', identityId, tenantId],
    queryFn: () => call('entra:discover', { identityId: identityId as string, tenantId: tenantId as string }),
    enabled: Boolean(identityId && tenantId),
    meta: { silent: true },
  });
}

/** Adding discovered accounts and signing out. */
export function useEntraActions() {
  const client = useQueryClient();
  const addAccounts = useMutation({
    mutationFn: (request: RequestIn<'entra:addAccounts'>) => call('entra:addAccounts', request),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: accountsQueryKey });
      void client.invalidateQueries({ queryKey: ['entra:discover'] });
    },
    meta: { silent: true },
  });
  const signOut = useMutation({
    mutationFn: (identityId: string) => call('entra:signOut', { identityId }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: identitiesQueryKey });
      void client.invalidateQueries({ queryKey: accountsQueryKey });
    },
    meta: { silent: true },
  });
  return { addAccounts, signOut };
}
