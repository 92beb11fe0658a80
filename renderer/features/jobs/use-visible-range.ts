import { useEffect, useState, type RefObject } from 'react';

/** The rows of a virtual table in view: first and last index (inclusive), -1 before the table is laid out. */
export interface VisibleRange {
  first: number;
  last: number;
}

/** Which rows of fixed height fit a scroll box at a scroll offset. */
export function rowsInView(scrollTop: number, height: number, rowHeight: number, rowCount: number): VisibleRange {
  if (rowCount === 0 || height <= 0) return { first: -1, last: -1 };
  const first = Math.min(rowCount - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
  const last = Math.min(rowCount - 1, Math.floor((scrollTop + height - 1) / rowHeight));
  return { first, last };
}

/**
 * Follows the rows in view of the VirtualTable inside `container` (its scroll box is `[data-testid="<testId>-scroll"]`):
 * the jobs list polls task counts for those rows only, the task list loads its next page as the user nears the end.
 */
export function useVisibleRange(container: RefObject<HTMLElement | null>, scrollTestId: string, rowHeight: number, rowCount: number): VisibleRange {
  const [range, setRange] = useState<VisibleRange>({ first: -1, last: -1 });
  useEffect(() => {
    const box = container.current?.querySelector<HTMLElement>(`[data-testid="${scrollTestId}"]`);
    if (!box) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = rowsInView(box.scrollTop, box.clientHeight, rowHeight, rowCount);
      setRange((r) => (r.first === next.first && r.last === next.last ? r : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    box.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(box);
    return () => {
      box.removeEventListener('scroll', schedule);
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [container, scrollTestId, rowHeight, rowCount]);
  return range;
}
