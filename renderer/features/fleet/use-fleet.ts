import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { RequestIn } from '../../../contract/channels';
import type { FleetTarget } from '../../../contract/features/fleet';
import { saveBlob } from '../../components/save-file';
import { call } from '../../ipc/client';
import { cancelOperation, useOperations, useOperationsStore } from '../operations/use-operations';

/** What the command form starts from: filled by "Run on nodes", a group's "run next command on these", or history. */
interface FleetDraft {
  command: string;
  /** Explicit nodes chosen from a group (shown as their own target), until the user picks another target. */
  groupNodes: { label: string; nodeIds: string[] } | undefined;
  /** The target the user picked (`all`, `selection`, `group`, `state:idle`); undefined: the form's default. */
  picked: string | undefined;
  setCommand(command: string): void;
  pick(value: string | undefined): void;
  chooseNodes(label: string, nodeIds: string[]): void;
  clearNodes(): void;
}

/** The command form's draft (a small store, so a group in the result can fill the form above it). */
export const useFleetDraft = create<FleetDraft>((set) => ({
  command: '',
  groupNodes: undefined,
  picked: undefined,
  setCommand: (command) => set({ command }),
  pick: (picked) => set(picked === 'group' ? { picked } : { picked, groupNodes: undefined }),
  chooseNodes: (label, nodeIds) => set({ groupNodes: { label, nodeIds }, picked: 'group' }),
  clearNodes: () => set({ groupNodes: undefined, picked: undefined }),
}));

/** Query keys of the fleet feature. */
export const fleetKeys = {
  preflight: (accountId: string, poolId: string, target: FleetTarget) => ['fleet:preflight', accountId, poolId, JSON.stringify(target)] as const,
  result: (operationId: string) => ['fleet:result', operationId] as const,
  history: (accountId: string, poolId: string) => ['fleet:history', accountId, poolId] as const,
};

/** Who can run commands on the target nodes (the form offers provisioning when nobody can). */
export function useFleetPreflight(accountId: string, poolId: string, target: FleetTarget | undefined) {
  return useQuery({
    queryKey: fleetKeys.preflight(accountId, poolId, target ?? { all: true }),
    queryFn: () => call('fleet:preflight', { accountId, poolId, target: target ?? { all: true } }),
    enabled: target !== undefined,
    meta: { silent: true },
  });
}

/**
 * The pool's latest fleet command (found again after a reload: main keeps it), how to start one and cancel it, and its
 * grouped answers: fetched twice a second while it runs (progress events arrive ten a second; groups need not) and
 * once more when it ends.
 */
export function useFleetCommand(accountId: string, poolId: string) {
  const client = useQueryClient();
  const latest = useOperations({ accountId, poolId, kinds: ['fleet-command'] }, 1)[0];
  const operationId = latest?.summary.operationId;
  const state = latest?.summary.state;
  const start = useMutation({
    mutationFn: async (request: Omit<RequestIn<'fleet:run'>, 'accountId' | 'poolId'>) => {
      const { operationId: id } = await call('fleet:run', { ...request, accountId, poolId });
      useOperationsStore.getState().apply(await call('operations:get', { operationId: id }));
      return id;
    },
    meta: { silent: true },
  });
  const result = useQuery({
    queryKey: fleetKeys.result(operationId ?? ''),
    queryFn: () => call('fleet:result', { operationId: operationId as string }),
    enabled: operationId !== undefined,
    refetchInterval: state === 'running' ? 500 : false,
    meta: { silent: true },
  });
  const seen = useRef(state);
  useEffect(() => {
    if (seen.current === 'running' && state !== 'running' && operationId) {
      void client.invalidateQueries({ queryKey: fleetKeys.result(operationId) });
      void client.invalidateQueries({ queryKey: fleetKeys.history(accountId, poolId) });
    }
    seen.current = state;
  }, [state, operationId, accountId, poolId, client]);
  const cancel = () => {
    if (operationId && state === 'running') void cancelOperation(operationId).catch(() => undefined);
  };
  return { latest, start, result, cancel, running: start.isPending || state === 'running' };
}

/** The pool's last commands, newest first. */
export function useFleetHistory(accountId: string, poolId: string) {
  return useQuery({ queryKey: fleetKeys.history(accountId, poolId), queryFn: () => call('fleet:history', { accountId, poolId }), meta: { silent: true } });
}

/** Saves an export through the browser's download (both hosts serve the page from our own origin). */
export async function downloadExport(operationId: string, format: 'json' | 'csv'): Promise<void> {
  const { fileName, text } = await call('fleet:export', { operationId, format });
  saveBlob(new Blob([text], { type: format === 'json' ? 'application/json' : 'text/csv' }), fileName);
}
