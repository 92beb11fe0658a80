import { makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { VirtualColumn } from './column-widths';

/** Which column sorts the rows, which way, and what a header click does. */
export interface SortState {
  column: string;
  direction: 'ascending' | 'descending';
  onSort(columnKey: string): void;
}

const useStyles = makeStyles({
  header: {
    position: 'relative',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    alignSelf: 'stretch',
    display: 'flex',
    alignItems: 'center',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalM,
  },
  sortButton: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    background: 'none',
    border: 'none',
    padding: 0,
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    whiteSpace: 'nowrap',
  },
  handle: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    right: 0,
    width: '6px',
    cursor: 'col-resize',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2 },
    ':active': { backgroundColor: tokens.colorBrandBackground2 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/** Keyboard step of a resize handle, px. */
const keyStep = 16;

/**
 * A column header: its name (a sort button when the column sorts) and a resize handle on its right edge (drag, or
 * focus it and use the arrow keys; double-click or Delete returns to the measured width).
 */
export function ColumnHeader(props: { column: VirtualColumn; sort: SortState | undefined; onResize(width: number | undefined): void }) {
  const { column, sort } = props;
  const styles = useStyles();
  const cell = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; width: number } | undefined>(undefined);
  const direction = sort?.column === column.key ? sort.direction : undefined;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const width = cell.current?.getBoundingClientRect().width ?? 0;
    drag.current = { x: event.clientX, width };
    event.currentTarget.setPointerCapture(event.pointerId);
    event.preventDefault();
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) props.onResize(drag.current.width + event.clientX - drag.current.x);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const width = cell.current?.getBoundingClientRect().width ?? 0;
    if (event.key === 'ArrowLeft') props.onResize(width - keyStep);
    else if (event.key === 'ArrowRight') props.onResize(width + keyStep);
    else if (event.key === 'Delete' || event.key === 'Backspace') props.onResize(undefined);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={cell}
      role="columnheader"
      data-col={column.key}
      aria-sort={direction ?? (column.sortable ? 'none' : undefined)}
      className={styles.header}
    >
      {column.sortable && sort ? (
        <button type="button" className={styles.sortButton} onClick={() => sort.onSort(column.key)} data-testid={`sort-${column.key}`}>
          {column.header}
          {direction === 'ascending' && <ArrowSortUpRegular aria-hidden />}
          {direction === 'descending' && <ArrowSortDownRegular aria-hidden />}
        </button>
      ) : (
        <span>{column.header}</span>
      )}
      {column.header && (
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label={`Resize the ${column.header} column`}
          tabIndex={0}
          data-measure="skip"
          className={styles.handle}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = undefined)}
          onDoubleClick={() => props.onResize(undefined)}
          onKeyDown={onKeyDown}
        />
      )}
    </div>
  );
}
