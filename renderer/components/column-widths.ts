/** One column: its header, how it sizes, and whether it sorts. */
export interface VirtualColumn {
  key: string;
  header: string;
  /** Share of the spare width this column takes (CSS `fr`); without it the column keeps its content width. */
  grow?: number;
  /** Smallest width in px, before content is measured (checkboxes, buttons). */
  min?: number;
  /** Most px that measuring content may give it (a long value then ends in `…` and shows whole on hover). */
  max?: number;
  /** The header sorts the rows (see the table's `sort`). */
  sortable?: boolean;
}

/** Default ceiling of a measured column. */
const defaultMax = 420;

/** The CSS grid tracks for the columns: resized width, else measured/minimum width, growing by `grow`. */
export function gridTemplate(
  columns: readonly VirtualColumn[],
  measured: Readonly<Record<string, number>>,
  resized: Readonly<Record<string, number>>,
): { template: string; minWidth: number } {
  let minWidth = 0;
  const tracks = columns.map((c) => {
    const fixed = resized[c.key];
    const width = fixed ?? Math.max(c.min ?? 0, measured[c.key] ?? 0, 24);
    minWidth += width;
    if (fixed !== undefined || !c.grow) return `${width}px`;
    return `minmax(${width}px, ${c.grow}fr)`;
  });
  return { template: tracks.join(' '), minWidth };
}

/**
 * The width a cell's content needs (its text and inline children, not the cell, and not children marked
 * `data-measure="skip"` such as a header's resize handle), plus the cell's padding.
 */
function contentWidth(cell: Element, range: Range): number {
  let left = Infinity;
  let right = -Infinity;
  for (const child of cell.childNodes) {
    if (child instanceof Element && child.getAttribute('data-measure') === 'skip') continue;
    range.selectNode(child);
    const rect = range.getBoundingClientRect();
    if (rect.width === 0) continue;
    left = Math.min(left, rect.left);
    right = Math.max(right, rect.right);
  }
  if (right < left) return 0;
  const style = getComputedStyle(cell);
  return Math.ceil(right - left + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight));
}

/**
 * Widths the header and the rows in view need, per column, never smaller than before (columns do not jump while
 * scrolling). Returns `previous` itself when nothing grew, so a caller can skip the re-render.
 */
export function measureColumns(
  grid: HTMLElement,
  columns: readonly VirtualColumn[],
  previous: Readonly<Record<string, number>>,
): Record<string, number> {
  const range = document.createRange();
  const next: Record<string, number> = { ...previous };
  let grew = false;
  for (const column of columns) {
    const cells = grid.querySelectorAll(`[data-col="${CSS.escape(column.key)}"]`);
    let need = previous[column.key] ?? 0;
    for (const cell of cells) need = Math.max(need, contentWidth(cell, range));
    need = Math.min(need, column.max ?? defaultMax);
    if (need > (previous[column.key] ?? 0)) {
      next[column.key] = need;
      grew = true;
    }
  }
  return grew ? next : (previous as Record<string, number>);
}
