import { tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type CSSProperties, type ReactNode } from 'react';

/** One column: header text and its CSS grid track (e.g. `minmax(120px, 1fr)` or `90px`). */
export interface VirtualColumn {
  key: string;
  header: string;
  width: string;
}

const cellStyle: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', padding: '0 8px', alignSelf: 'center' };

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
  /** Shown when there are no rows. */
  empty?: ReactNode;
  testId?: string;
}

/**
 * A table that renders only the rows in view (TanStack Virtual), so 10,000 rows scroll like 10. ARIA grid roles keep
 * it readable by screen readers and by tests (`getByRole('row')`).
 */
export function VirtualTable(props: VirtualTableProps) {
  const { columns, rowCount, rowHeight = 32 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns fresh functions by design.
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 8 });
  const template = columns.map((c) => c.width).join(' ');
  return (
    <div role="grid" aria-label={props.label} aria-rowcount={rowCount + 1} data-testid={props.testId} style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <div role="row" aria-rowindex={1} style={{ display: 'grid', gridTemplateColumns: template, fontWeight: 600, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, minHeight: rowHeight }}>
        {columns.map((c) => (
          <div role="columnheader" key={c.key} style={cellStyle}>
            {c.header}
          </div>
        ))}
      </div>
      <div ref={scrollRef} style={{ height: props.height, overflow: 'auto', position: 'relative' }} data-testid={props.testId ? `${props.testId}-scroll` : undefined}>
        {rowCount === 0 && props.empty}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const selected = props.isSelected?.(item.index) ?? false;
            return (
              <div
                role="row"
                key={props.rowKey(item.index)}
                aria-rowindex={item.index + 2}
                aria-selected={props.isSelected ? selected : undefined}
                onClick={props.onRowClick ? (event) => props.onRowClick?.(item.index, event) : undefined}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: item.size,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: template,
                  borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
                  background: selected ? tokens.colorNeutralBackground1Selected : undefined,
                  cursor: props.onRowClick ? 'pointer' : undefined,
                }}
              >
                {columns.map((c) => (
                  <div role="gridcell" key={c.key} style={cellStyle}>
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
