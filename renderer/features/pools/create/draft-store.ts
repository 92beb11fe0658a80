import { create } from 'zustand';
import type { PoolDetail } from '../../../../contract/features/batch-models';
import { newDraft, updateDraft, type PoolDraft } from './pool-draft';

interface DraftState {
  /** The form's content; survives a trip to the Images page to choose an image. */
  draft: PoolDraft | undefined;
  manualImage: boolean;
  set(draft: PoolDraft): void;
  setManualImage(manual: boolean): void;
  reset(): void;
}

/** The create-pool draft, kept while the user navigates away and back. */
export const useDraftStore = create<DraftState>((set) => ({
  draft: undefined,
  manualImage: false,
  set: (draft) => set({ draft }),
  setManualImage: (manualImage) => set({ manualImage }),
  reset: () => set({ draft: undefined, manualImage: false }),
}));

/** Route parameters the Images page passes along with "Create a pool with this image". */
export interface ImageParams {
  publisher?: string;
  offer?: string;
  sku?: string;
  version?: string;
  agent?: string;
}

/** The draft with the image and agent SKU from the route applied, when the route carries one. */
export function withImageFromRoute(draft: PoolDraft, params: ImageParams): PoolDraft {
  if (!params.publisher || !params.offer || !params.sku || !params.agent) return draft;
  return updateDraft(draft, {
    image: { publisher: params.publisher, offer: params.offer, sku: params.sku, version: params.version || 'latest' },
    nodeAgentSkuId: params.agent,
  });
}

/**
 * A draft that copies an existing pool under a new id, keeping every field the form has (options, VNet, autoscale,
 * start task retries, its SSH NAT pool range and source); a pool without an SSH endpoint gets SSH access turned on
 * (`-ssh`), unless it has no public IP addresses by design.
 */
export function draftFromPool(pool: PoolDetail, operatorSourcePrefix: string): PoolDraft {
  const base = newDraft(operatorSourcePrefix);
  const task = pool.startTask;
  const options = pool.options ?? base.options;
  const noPublicIp = options.publicIp.provision === 'nopublicipaddresses';
  const recreateWithSsh = pool.sshAccess === 'none' && !noPublicIp;
  return updateDraft(base, {
    id: `${pool.id}-${recreateWithSsh ? 'ssh' : 'copy'}`.slice(0, 64),
    ...sshFrom(pool, base, noPublicIp),
    displayName: pool.displayName ?? '',
    vmSize: pool.vmSize,
    image: {
      publisher: pool.image?.publisher ?? '',
      offer: pool.image?.offer ?? '',
      sku: pool.image?.sku ?? '',
      version: pool.image?.version ?? 'latest',
    },
    nodeAgentSkuId: pool.nodeAgentSkuId ?? '',
    targetDedicatedNodes: pool.targetDedicatedNodes,
    targetSpotNodes: pool.targetSpotNodes,
    taskSlotsPerNode: pool.taskSlotsPerNode ?? 1,
    options,
    startTaskEnabled: task !== undefined,
    startTask: task
      ? { commandLine: task.commandLine, elevated: task.elevated, waitForSuccess: task.waitForSuccess, useShell: false, maxTaskRetryCount: task.maxTaskRetryCount, environment: task.environment }
      : base.startTask,
  });
}

/** SSH access as the copied pool had it: its port-22 NAT pool's range and allowed source, off without public IPs. */
function sshFrom(pool: PoolDetail, base: PoolDraft, noPublicIp: boolean): Partial<PoolDraft> {
  if (noPublicIp) return { ssh: { ...base.ssh, enabled: false } };
  const nat = pool.natPools.find((n) => n.backendPort === 22);
  const allowed = nat?.sourcePrefixes.find((p) => p.startsWith('allow '))?.slice('allow '.length);
  if (!nat) return {};
  return {
    rangeAuto: false,
    ssh: { enabled: true, frontendPortRangeStart: nat.frontendPortRangeStart, frontendPortRangeEnd: nat.frontendPortRangeEnd, sourceAddressPrefix: allowed ?? base.ssh.sourceAddressPrefix },
  };
}
