import { describe, expect, it } from 'vitest';
import {
  dropSession,
  paneGrid,
  placeNewSession,
  removePane,
  setPaneCount,
  showSession,
  singlePane,
} from '../../../renderer/features/terminal/pane-layout';

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
