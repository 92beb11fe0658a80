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

/** A draft that recreates an existing pool (e.g. one without SSH access) under a new id, SSH access on. */
export function draftFromPool(pool: PoolDetail, operatorSourcePrefix: string): PoolDraft {
  const base = newDraft(operatorSourcePrefix);
  const task = pool.startTask;
  return updateDraft(base, {
    id: `${pool.id}-ssh`.slice(0, 64),
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
    options: pool.options ?? base.options,
    startTaskEnabled: task !== undefined,
    startTask: task
      ? { commandLine: task.commandLine, elevated: task.elevated, waitForSuccess: task.waitForSuccess, useShell: false, maxTaskRetryCount: 0, environment: task.environment }
      : base.startTask,
  });
}
