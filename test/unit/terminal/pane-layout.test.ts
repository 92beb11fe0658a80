import { describe, expect, it } from 'vitest';
import {
  dropSession,
  paneGrid,
  placeNewSession,
  removePane,
  restoreLayout,
  setPaneCount,
  showSession,
  singlePane,
} from '../../../renderer/features/terminal/pane-layout';
import { loadLayout, saveLayout } from '../../../renderer/features/terminal/layout-memory';

describe('split view', () => {
  it('a new session fills an empty pane first, then replaces the focused one', () => {
    let layout = placeNewSession(singlePane, 'a');
    expect(layout).toEqual({ panes: ['a'], focused: 0 });
    layout = setPaneCount(layout, 2, ['a']);
    expect(layout.panes).toEqual(['a', null]);
    layout = placeNewSession(layout, 'b');
    expect(layout).toEqual({ panes: ['a', 'b'], focused: 1 });
    layout = placeNewSession(layout, 'c');
    expect(layout).toEqual({ panes: ['a', 'c'], focused: 1 });
  });

  it('picking a tab already shown focuses its pane instead of showing it twice', () => {
    expect(showSession({ panes: ['a', 'b'], focused: 0 }, 'b')).toEqual({ panes: ['a', 'b'], focused: 1 });
  });

  it('more panes show hidden tabs in order, at most four; fewer panes keep the sessions open in their tabs', () => {
    const grown = setPaneCount({ panes: ['b'], focused: 0 }, 9, ['a', 'b', 'c']);
    expect(grown.panes).toEqual(['b', 'a', 'c', null]);
    expect(setPaneCount({ panes: ['a', 'b', 'c'], focused: 2 }, 1, ['a', 'b', 'c'])).toEqual({ panes: ['a'], focused: 0 });
    expect(setPaneCount(singlePane, 0, []).panes).toHaveLength(1);
  });

  it('closing a session shows the next hidden tab in its pane; closing a pane keeps its session', () => {
    expect(dropSession({ panes: ['a', 'b'], focused: 0 }, 'a', ['a', 'b', 'c']).panes).toEqual(['c', 'b']);
    expect(dropSession({ panes: ['a', 'b'], focused: 0 }, 'a', ['a', 'b']).panes).toEqual([null, 'b']);
    expect(removePane({ panes: ['a', 'b', 'c'], focused: 2 }, 0)).toEqual({ panes: ['b', 'c'], focused: 1 });
    expect(removePane(singlePane, 0)).toBe(singlePane);
  });

  it('three panes are two on top and one wide below; four are a 2×2 grid', () => {
    expect(paneGrid(3).span(2)).toBe('1 / span 2');
    expect(paneGrid(4).span(2)).toBeUndefined();
    expect(paneGrid(1).columns).toBe('1fr');
  });
});

describe('restoring a saved layout (after a reload, or in a second window)', () => {
  it('shows the saved sessions in the same panes with the same pane focused', () => {
    expect(restoreLayout({ panes: ['b', 'a'], focused: 1 }, ['a', 'b', 'c'])).toEqual({ panes: ['b', 'a'], focused: 1 });
  });

  it('fills a pane whose session has closed with the next open one not shown yet', () => {
    expect(restoreLayout({ panes: ['gone', 'a'], focused: 0 }, ['a', 'b'])).toEqual({ panes: ['b', 'a'], focused: 0 });
  });

  it('clamps a damaged saved layout to what the view can show', () => {
    const restored = restoreLayout({ panes: ['a', 'b', 'c', 'd', 'e'], focused: 9 }, ['a']);
    expect(restored.panes).toEqual(['a', null, null, null]);
    expect(restored.focused).toBe(3);
  });
});

describe('the remembered layout', () => {
  it('reads back what was saved and ignores anything that is not a layout', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadLayout(storage)).toBeUndefined();
    saveLayout({ panes: ['a', null], focused: 1 }, storage);
    expect(loadLayout(storage)).toEqual({ panes: ['a', null], focused: 1 });
    for (const junk of ['{', '[]', '{"panes":[1],"focused":0}', '{"panes":["a"]}']) {
      store.set([...store.keys()][0] as string, junk);
      expect(loadLayout(storage), junk).toBeUndefined();
    }
  });
});
