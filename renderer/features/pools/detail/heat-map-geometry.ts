/** Where each node's square sits on the heat map canvas. */
export interface HeatMapLayout {
  cell: number;
  gap: number;
  cols: number;
  rows: number;
  width: number;
  height: number;
}

/** Distance from one square's start to the next. */
export function pitchOf(layout: HeatMapLayout): number {
  return layout.cell + layout.gap;
}

/**
 * The largest squares (28 px down to 3 px) that fit `count` nodes in `width` × `maxHeight`; with more nodes than
 * that holds, 3 px squares and a taller map (no node cap: 100,000 nodes still get a square each).
 */
export function heatMapLayout(count: number, width: number, maxHeight = 320): HeatMapLayout {
  const usable = Math.max(1, Math.floor(width));
  if (count <= 0) return { cell: 0, gap: 0, cols: 0, rows: 0, width: usable, height: 0 };
  let layout: HeatMapLayout | undefined;
  for (let cell = 28; cell >= 3; cell--) {
    const gap = cell >= 8 ? 2 : 1;
    const pitch = cell + gap;
    const cols = Math.max(1, Math.floor((usable + gap) / pitch));
    const rows = Math.ceil(count / cols);
    layout = { cell, gap, cols, rows, width: usable, height: rows * pitch - gap };
    if (layout.height <= maxHeight) return layout;
  }
  return layout as HeatMapLayout;
}

/** The node index under a point, or -1 outside every square's cell. */
export function indexAt(x: number, y: number, layout: HeatMapLayout, count: number): number {
  const pitch = pitchOf(layout);
  if (pitch === 0 || x < 0 || y < 0) return -1;
  const col = Math.floor(x / pitch);
  const row = Math.floor(y / pitch);
  if (col >= layout.cols) return -1;
  const index = row * layout.cols + col;
  return index < count ? index : -1;
}

/** Indexes of the nodes whose squares a dragged box touches. */
export function indicesInBox(x0: number, y0: number, x1: number, y1: number, layout: HeatMapLayout, count: number): number[] {
  const pitch = pitchOf(layout);
  if (pitch === 0) return [];
  const clampCol = (v: number) => Math.min(layout.cols - 1, Math.max(0, Math.floor(v / pitch)));
  const clampRow = (v: number) => Math.min(layout.rows - 1, Math.max(0, Math.floor(v / pitch)));
  const [c0, c1] = [clampCol(Math.min(x0, x1)), clampCol(Math.max(x0, x1))];
  const [r0, r1] = [clampRow(Math.min(y0, y1)), clampRow(Math.max(y0, y1))];
  const out: number[] = [];
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const index = row * layout.cols + col;
      if (index < count) out.push(index);
    }
  }
  return out;
}
