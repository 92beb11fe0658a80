import type { PaneLayout } from './pane-layout';

/** Where the split view's layout is kept: localStorage is shared by a reload and by a second window of the app. */
const storageKey = 'batch-deck.terminal-layout';

/** The part of the Web Storage API used here (tests pass a Map-backed one). */
export interface LayoutStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The window's localStorage; undefined where there is none. */
function windowStorage(): LayoutStorage | undefined {
  return (globalThis as { localStorage?: LayoutStorage }).localStorage;
}

/** The layout saved last, or undefined when there is none (or it is not one). */
export function loadLayout(storage: Pick<LayoutStorage, 'getItem'> | undefined = windowStorage()): PaneLayout | undefined {
  try {
    const value: unknown = JSON.parse(storage?.getItem(storageKey) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { panes, focused } = value as { panes?: unknown; focused?: unknown };
    if (!Array.isArray(panes) || typeof focused !== 'number') return undefined;
    if (!panes.every((p) => p === null || typeof p === 'string')) return undefined;
    return { panes: panes as (string | null)[], focused };
  } catch {
    return undefined;
  }
}

/** Saves the layout for the next reload or window (ignored when storage is unavailable or full). */
export function saveLayout(layout: PaneLayout, storage: Pick<LayoutStorage, 'setItem'> | undefined = windowStorage()): void {
  try {
    storage?.setItem(storageKey, JSON.stringify(layout));
  } catch {
    // Private mode or a full quota: the layout simply is not remembered.
  }
}
