import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { ColumnHeader, type SortState } from './column-header';
import { gridTemplate, measureColumns, type VirtualColumn } from './column-widths';

export type { VirtualColumn } from './column-widths';
export type { SortState } from './column-header';

const useStyles = makeStyles({
  grid: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, overflowX: 'auto', overflowY: 'hidden' },
  head: {
    display: 'grid',
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    flexShrink: 0,
  },
  body: { overflowY: 'auto', overflowX: 'hidden', position: 'relative' },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    display: 'grid',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  rows: { position: 'relative' },
  clickable: { cursor: 'pointer' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  cell: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    alignSelf: 'center',
  },
});

/** Props of {@link VirtualTable}. */
export interface VirtualTableProps {
  label: string;
  columns: readonly VirtualColumn[];
  rowCount: number;
  /** Stable key per row index (e.g. a node id) so React keeps row state while scrolling. */
  rowKey: (index: number) => string;
  renderCell: (index: number, columnKey: string) => ReactNode;
  rowHeight?: number;
  /** Height of the scrolling body (CSS). */
  height: CSSProperties['height'];
  isSelected?: (index: number) => boolean;
  onRowClick?: (index: number, event: React.MouseEvent) => void;
  /** Sortable columns' headers become buttons that call `onSort`. */
  sort?: SortState;
  /** Extra attributes per row (test ids, data-*), e.g. `{ 'data-node-id': id }`. */
  rowProps?: (index: number) => Record<string, string>;
  /** Shown when there are no rows. */
  empty?: ReactNode;
  testId?: string;
  /** A row to scroll into view (centred) whenever this index changes; -1 or undefined: none. */
  scrollToIndex?: number;
}

/**
 * A table that renders only the rows in view (TanStack Virtual), so 10,000 rows scroll like 10. Columns start at the
 * width of their header and of the rows in view (measured, never clipped at the default width), grow into spare room,
 * and can be resized by dragging a header's edge (double-click: back to the measured width). When the columns need
 * more room than the window has, the table scrolls sideways instead of clipping. ARIA grid roles keep it readable by
 * screen readers and by tests (`getByRole('row')`).
 */
export function VirtualTable(props: VirtualTableProps) {
  const { columns, rowCount, rowHeight = 32 } = props;
  const styles = useStyles();
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<Record<string, number>>({});
  const [resized, setResized] = useState<Record<string, number>>({});
  const [gutter, setGutter] = useState(0);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design.
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 8 });
  const { scrollToIndex } = props;
  useEffect(() => {
    if (scrollToIndex !== undefined && scrollToIndex >= 0) virtualizer.scrollToIndex(scrollToIndex, { align: 'center' });
  }, [scrollToIndex, virtualizer]);

  // After each render, once per frame: grow columns to what the header and the rows in view need, and pad the header
  // by the body's scrollbar so header and rows line up.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const grid = gridRef.current;
      const body = scrollRef.current;
      if (!grid || !body) return;
      const next = measureColumns(grid, columns, measured);
      if (next !== measured) setMeasured(next);
      const bar = body.offsetWidth - body.clientWidth;
      if (bar !== gutter) setGutter(bar);
    });
    return () => cancelAnimationFrame(frame);
  });

  const { template, minWidth } = gridTemplate(columns, measured, resized);
  const headStyle: CSSProperties = { gridTemplateColumns: template, minHeight: rowHeight, paddingRight: gutter, minWidth: minWidth + gutter };
  const rowsStyle: CSSProperties = { height: virtualizer.getTotalSize() };
  const bodyStyle: CSSProperties = { height: props.height, minWidth: minWidth + gutter };
  const resize = (key: string, width: number | undefined) =>
    setResized((current) => {
      const { [key]: _dropped, ...rest } = current;
      return width === undefined ? rest : { ...rest, [key]: Math.max(32, Math.round(width)) };
    });
  return (
    <div ref={gridRef} role="grid" aria-label={props.label} aria-rowcount={rowCount + 1} data-testid={props.testId} className={styles.grid}>
      <div role="row" aria-rowindex={1} className={styles.head} style={headStyle}>
        {columns.map((c) => (
          <ColumnHeader key={c.key} column={c} sort={props.sort} onResize={(width) => resize(c.key, width)} />
        ))}
      </div>
      <div ref={scrollRef} className={styles.body} style={bodyStyle} data-testid={props.testId ? `${props.testId}-scroll` : undefined}>
        {rowCount === 0 && props.empty}
        <div className={styles.rows} style={rowsStyle}>
          {virtualizer.getVirtualItems().map((item) => {
            const selected = props.isSelected?.(item.index) ?? false;
            const rowStyle: CSSProperties = { height: item.size, transform: `translateY(${item.start}px)`, gridTemplateColumns: template };
            return (
              <div
                role="row"
                key={props.rowKey(item.index)}
                aria-rowindex={item.index + 2}
                aria-selected={props.isSelected ? selected : undefined}
                onClick={props.onRowClick ? (event) => props.onRowClick?.(item.index, event) : undefined}
                className={mergeClasses(styles.row, props.onRowClick && styles.clickable, selected && styles.selected)}
                style={rowStyle}
                {...props.rowProps?.(item.index)}
              >
                {columns.map((c) => (
                  <div role="gridcell" key={c.key} data-col={c.key} className={styles.cell}>
                    {props.renderCell(item.index, c.key)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
