import { maxPanes } from '../../../contract/features/terminal';

/** Which session each pane of the split view shows (null: an empty pane), and which pane has the focus. */
export interface PaneLayout {
  panes: (string | null)[];
  focused: number;
}

/** One pane, focused. */
export const singlePane: PaneLayout = { panes: [null], focused: 0 };

/** Shows `sessionId` in the focused pane, or focuses the pane that already shows it. */
export function showSession(layout: PaneLayout, sessionId: string): PaneLayout {
  const existing = layout.panes.indexOf(sessionId);
  if (existing >= 0) return { ...layout, focused: existing };
  const panes = [...layout.panes];
  panes[layout.focused] = sessionId;
  return { ...layout, panes };
}

/** Puts a new session in the first empty pane (focusing it), else in the focused pane. */
export function placeNewSession(layout: PaneLayout, sessionId: string): PaneLayout {
  const empty = layout.panes.indexOf(null);
  if (empty >= 0) return showSession({ ...layout, focused: empty }, sessionId);
  return showSession(layout, sessionId);
}

/**
 * Changes the number of panes (1–4). New panes show sessions not visible yet, in tab order; removed panes' sessions
 * stay open in their tabs.
 */
export function setPaneCount(layout: PaneLayout, count: number, tabOrder: string[]): PaneLayout {
  const target = Math.min(maxPanes, Math.max(1, Math.floor(count)));
  const panes = layout.panes.slice(0, target);
  const hidden = tabOrder.filter((id) => !panes.includes(id));
  while (panes.length < target) panes.push(hidden.shift() ?? null);
  return { panes, focused: Math.min(layout.focused, target - 1) };
}

/** Closes pane `index` (its session stays open in its tab); the last pane cannot be closed. */
export function removePane(layout: PaneLayout, index: number): PaneLayout {
  if (layout.panes.length <= 1) return layout;
  const panes = layout.panes.filter((_, i) => i !== index);
  return { panes, focused: Math.min(layout.focused > index ? layout.focused - 1 : layout.focused, panes.length - 1) };
}

/** Removes a closed session from every pane (its pane becomes empty, or shows the next hidden tab). */
export function dropSession(layout: PaneLayout, sessionId: string, tabOrder: string[]): PaneLayout {
  if (!layout.panes.includes(sessionId)) return layout;
  const remaining = tabOrder.filter((id) => id !== sessionId);
  const panes = layout.panes.map((id) => (id === sessionId ? null : id));
  const hidden = remaining.filter((id) => !panes.includes(id));
  return { ...layout, panes: panes.map((id) => id ?? hidden.shift() ?? null) };
}

/** CSS grid placement for pane `index` of `count`: 1 full, 2 side by side, 3 = two on top and one wide, 4 = 2×2. */
export function paneGrid(count: number): { columns: string; rows: string; span: (index: number) => string | undefined } {
  const columns = count === 1 ? '1fr' : '1fr 1fr';
  const rows = count <= 2 ? '1fr' : '1fr 1fr';
  return { columns, rows, span: (index) => (count === 3 && index === 2 ? '1 / span 2' : undefined) };
}

/**
 * A saved layout applied to the sessions that exist now: the same number of panes, each showing its saved session if
 * it is still open (else the next open one not shown yet), the same pane focused.
 */
export function restoreLayout(saved: PaneLayout, tabOrder: string[]): PaneLayout {
  const count = Math.min(maxPanes, Math.max(1, saved.panes.length));
  const panes = saved.panes.slice(0, count).map((id) => (id && tabOrder.includes(id) ? id : null));
  const hidden = tabOrder.filter((id) => !panes.includes(id));
  const filled = panes.map((id) => id ?? hidden.shift() ?? null);
  return { panes: filled, focused: Math.min(Math.max(0, Math.floor(saved.focused)), count - 1) };
}
