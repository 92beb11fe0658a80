import { useEffect, useRef, useState, type RefObject } from 'react';

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
 * Calls `onRange` (once per animation frame at most, and once at start) with the rows in view of the VirtualTable
 * inside `container` (its scroll box is `[data-testid="<testId>-scroll"]`). No React state: scrolling re-renders
 * nothing here; the task list uses it to load its next page as the user nears the end.
 */
export function useRowsInView(container: RefObject<HTMLElement | null>, scrollTestId: string, rowHeight: number, rowCount: number, onRange: (range: VisibleRange) => void): void {
  const latest = useRef(onRange);
  useEffect(() => {
    latest.current = onRange;
  });
  useEffect(() => {
    const box = container.current?.querySelector<HTMLElement>(`[data-testid="${scrollTestId}"]`);
    if (!box) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      latest.current(rowsInView(box.scrollTop, box.clientHeight, rowHeight, rowCount));
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
}

/**
 * The rows in view as state, updated once scrolling settles (`settleMs` without a new range): the jobs list polls
 * task counts for those jobs only, without re-rendering on every scrolled frame.
 */
export function useVisibleRange(container: RefObject<HTMLElement | null>, scrollTestId: string, rowHeight: number, rowCount: number, settleMs = 200): VisibleRange {
  const [range, setRange] = useState<VisibleRange>({ first: -1, last: -1 });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useRowsInView(container, scrollTestId, rowHeight, rowCount, (next) => {
    clearTimeout(timer.current);
    const apply = () => setRange((r) => (r.first === next.first && r.last === next.last ? r : next));
    if (range.first < 0) apply();
    else timer.current = setTimeout(apply, settleMs);
  });
  return range;
}
