import { create } from 'zustand';

/** How a click or box changes the selection. */
export type SelectMode = 'replace' | 'add' | 'toggle';

/** The selection after selecting `ids` in `mode`. */
export function nextSelection(current: ReadonlySet<string>, ids: readonly string[], mode: SelectMode): Set<string> {
  if (mode === 'replace') return new Set(ids);
  const next = new Set(current);
  if (mode === 'add') for (const id of ids) next.add(id);
  else for (const id of ids) if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Ids from index `a` to `b` inclusive, either direction (shift-click range). */
export function rangeIds(ids: readonly string[], a: number, b: number): string[] {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return ids.slice(Math.max(0, lo), hi + 1);
}

/** Drops selected ids that are no longer in the pool (nodes removed or replaced). */
export function pruneSelection(current: ReadonlySet<string>, present: ReadonlySet<string>): Set<string> | undefined {
  for (const id of current) {
    if (!present.has(id)) return new Set([...current].filter((x) => present.has(x)));
  }
  return undefined;
}

interface SelectionState {
  poolId: string;
  selected: Set<string>;
  /** The index a shift-click extends from. */
  anchor: number | undefined;
  select(ids: readonly string[], mode: SelectMode, anchor?: number): void;
  replace(selected: Set<string>): void;
  reset(poolId: string): void;
}

/** Which nodes of the open pool are selected, shared by the heat map, the table and the actions. */
export const useNodeSelection = create<SelectionState>((set) => ({
  poolId: '',
  selected: new Set(),
  anchor: undefined,
  select: (ids, mode, anchor) => set((s) => ({ selected: nextSelection(s.selected, ids, mode), anchor: anchor ?? s.anchor })),
  replace: (selected) => set({ selected }),
  reset: (poolId) => set({ poolId, selected: new Set(), anchor: undefined }),
}));
