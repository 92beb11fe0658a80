import { describe, expect, it } from 'vitest';
import { heatMapLayout, indexAt, indicesInBox, pitchOf } from '../../../renderer/features/pools/detail/heat-map-geometry';
import { nextSelection, pruneSelection, rangeIds } from '../../../renderer/features/pools/detail/node-selection';
import { isChanging, mergeCounts, stateColor, stateLabel } from '../../../renderer/features/pools/node-state-style';

describe('heat map layout', () => {
  it('gives small pools big squares and fits 10,000 nodes in the height without a cap', () => {
    expect(heatMapLayout(4, 1000).cell).toBe(28);
    const big = heatMapLayout(10_000, 1100);
    expect(big.cols * big.rows).toBeGreaterThanOrEqual(10_000);
    expect(big.height).toBeLessThanOrEqual(320);
    const huge = heatMapLayout(100_000, 1100);
    expect(huge.cell).toBe(3);
    expect(huge.cols * huge.rows).toBeGreaterThanOrEqual(100_000);
  });

  it('finds the node under the pointer and none past the last node or the right edge', () => {
    const layout = heatMapLayout(25, 10 * 30);
    const pitch = pitchOf(layout);
    expect(indexAt(0, 0, layout, 25)).toBe(0);
    expect(indexAt(pitch * 2 + 1, pitch + 1, layout, 25)).toBe(layout.cols + 2);
    expect(indexAt(layout.cols * pitch + 1, 0, layout, 25)).toBe(-1);
    expect(indexAt(pitch * (layout.cols - 1), pitch * layout.rows, layout, 25)).toBe(-1);
  });

  it('a dragged box selects the squares it touches, in either direction', () => {
    const layout = heatMapLayout(100, 10 * 30);
    const pitch = pitchOf(layout);
    const forward = indicesInBox(1, 1, pitch + 1, pitch + 1, layout, 100);
    expect(forward).toEqual([0, 1, layout.cols, layout.cols + 1]);
    expect(indicesInBox(pitch + 1, pitch + 1, 1, 1, layout, 100)).toEqual(forward);
    expect(indicesInBox(-50, -50, 1e6, 1e6, layout, 100)).toHaveLength(100);
  });
});

describe('node selection', () => {
  it('replaces on click, toggles with Ctrl, adds with Shift ranges', () => {
    const ids = ['a', 'b', 'c', 'd'];
    expect([...nextSelection(new Set(['a']), ['b'], 'replace')]).toEqual(['b']);
    expect([...nextSelection(new Set(['a', 'b']), ['b', 'c'], 'toggle')].sort()).toEqual(['a', 'c']);
    expect([...nextSelection(new Set(['a']), rangeIds(ids, 3, 1), 'add')].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops nodes that left the pool and leaves an intact selection alone', () => {
    expect([...(pruneSelection(new Set(['a', 'x']), new Set(['a', 'b'])) ?? [])]).toEqual(['a']);
    expect(pruneSelection(new Set(['a']), new Set(['a', 'b']))).toBeUndefined();
  });
});

describe('node states', () => {
  it('merges dedicated and spot counts, known states first, newer states kept', () => {
    const counts = mergeCounts({ dedicated: { idle: 2, starting: 1, total: 3 }, spot: { idle: 1, upgradingos: 1, creating: 0, total: 2 } });
    expect(counts).toEqual([
      { state: 'idle', count: 3 },
      { state: 'starting', count: 1 },
      { state: 'upgradingos', count: 1 },
    ]);
    expect(stateColor('upgradingos')).not.toBe(stateColor('idle'));
    expect(stateLabel('waitingforstarttask')).toBe('waiting for start task');
  });

  it('a pool is still changing while resizing or while nodes are on their way', () => {
    const base = { state: 'active', allocationState: 'steady', nodeCounts: { dedicated: { idle: 2, total: 2 }, spot: { total: 0 } } } as const;
    expect(isChanging(base as never)).toBe(false);
    expect(isChanging({ ...base, allocationState: 'resizing' } as never)).toBe(true);
    expect(isChanging({ ...base, nodeCounts: { dedicated: { idle: 1, starting: 1, total: 2 }, spot: { total: 0 } } } as never)).toBe(true);
  });
});
