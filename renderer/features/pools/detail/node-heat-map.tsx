import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { nodeColumn, type NodeRow } from '../../../../contract/features/batch-models';
import { stateColor, stateLabel } from '../node-state-style';
import { heatMapLayout, indexAt, indicesInBox, pitchOf } from './heat-map-geometry';
import { rangeIds, useNodeSelection } from './node-selection';

/** Follows an element's width so the map re-flows with the window. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]?.contentRect.width ?? 800)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

const useStyles = makeStyles({
  wrap: { position: 'relative', width: '100%', maxHeight: '360px', overflow: 'auto' },
  canvas: { display: 'block', cursor: 'crosshair' },
  box: {
    position: 'absolute',
    border: `1px dashed ${tokens.colorBrandStroke1}`,
    background: 'rgba(0, 120, 212, 0.1)',
    pointerEvents: 'none',
  },
  tooltip: {
    position: 'absolute',
    background: tokens.colorNeutralBackgroundInverted,
    color: tokens.colorNeutralForegroundInverted,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    pointerEvents: 'none',
    whiteSpace: 'nowrap',
    zIndex: 1,
  },
  tooltipText: { color: 'inherit' },
});

type Drag = { x0: number; y0: number; x1: number; y1: number; additive: boolean };

/**
 * Every node as a coloured square on one canvas (no node cap). Hover shows id and state; click selects, Ctrl/⌘-click
 * toggles, Shift-click selects a range, and dragging a box selects the nodes under it (Shift adds).
 */
export function NodeHeatMap(props: { rows: NodeRow[] }) {
  const { rows } = props;
  const styles = useStyles();
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useWidth(wrapRef);
  const layout = useMemo(() => heatMapLayout(rows.length, width), [rows.length, width]);
  const ids = useMemo(() => rows.map((r) => r[nodeColumn.id]), [rows]);
  const { selected, anchor, select } = useNodeSelection();
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | undefined>();
  const [drag, setDrag] = useState<Drag | undefined>();

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, layout.width * ratio);
    canvas.height = Math.max(1, layout.height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, layout.width, layout.height);
    const pitch = pitchOf(layout);
    for (let i = 0; i < rows.length; i++) {
      const x = (i % layout.cols) * pitch;
      const y = Math.floor(i / layout.cols) * pitch;
      context.fillStyle = stateColor((rows[i] as NodeRow)[nodeColumn.state]);
      context.fillRect(x, y, layout.cell, layout.cell);
    }
    if (selected.size === 0) return;
    context.strokeStyle = '#000';
    context.lineWidth = layout.cell >= 8 ? 2 : 1;
    for (let i = 0; i < rows.length; i++) {
      if (!selected.has((rows[i] as NodeRow)[nodeColumn.id])) continue;
      const x = (i % layout.cols) * pitch;
      const y = Math.floor(i / layout.cols) * pitch;
      if (layout.cell >= 6) context.strokeRect(x + 0.5, y + 0.5, layout.cell - 1, layout.cell - 1);
      else {
        context.fillStyle = '#000';
        context.fillRect(x, y, layout.cell, layout.cell);
      }
    }
  }, [rows, layout, selected]);

  const point = (event: React.MouseEvent) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const onMouseUp = (event: React.MouseEvent) => {
    const { x, y } = point(event);
    const current = drag;
    setDrag(undefined);
    if (current && Math.abs(current.x0 - x) + Math.abs(current.y0 - y) > 4) {
      const hit = indicesInBox(current.x0, current.y0, x, y, layout, rows.length).map((i) => ids[i] as string);
      select(hit, current.additive ? 'add' : 'replace');
      return;
    }
    const index = indexAt(x, y, layout, rows.length);
    if (index < 0) return;
    if (event.shiftKey && anchor !== undefined) select(rangeIds(ids, anchor, index), 'add');
    else select([ids[index] as string], event.ctrlKey || event.metaKey ? 'toggle' : 'replace', index);
  };
  const hovered = hover ? rows[hover.index] : undefined;
  return (
    <div ref={wrapRef} className={styles.wrap}>
      <canvas
        ref={canvasRef}
        data-testid="node-heat-map"
        role="img"
        aria-label={`Heat map of ${rows.length} nodes by state; ${selected.size} selected`}
        className={styles.canvas}
        // The canvas size and the drag box and tooltip positions follow the data and the pointer: inline.
        style={{ width: layout.width, height: layout.height }}
        onMouseDown={(e) => {
          const { x, y } = point(e);
          setDrag({ x0: x, y0: y, x1: x, y1: y, additive: e.shiftKey });
        }}
        onMouseMove={(e) => {
          const { x, y } = point(e);
          const index = indexAt(x, y, layout, rows.length);
          setHover(index >= 0 ? { index, x, y } : undefined);
          if (drag) setDrag({ ...drag, x1: x, y1: y });
        }}
        onMouseLeave={() => (setHover(undefined), setDrag(undefined))}
        onMouseUp={onMouseUp}
      />
      {drag && (
        <div
          className={styles.box}
          style={{
            left: Math.min(drag.x0, drag.x1),
            top: Math.min(drag.y0, drag.y1),
            width: Math.abs(drag.x1 - drag.x0),
            height: Math.abs(drag.y1 - drag.y0),
          }}
        />
      )}
      {hovered && hover && !drag && (
        <div
          role="tooltip"
          data-testid="heat-map-tooltip"
          className={styles.tooltip}
          style={{ left: Math.min(hover.x + 12, layout.width - 260), top: hover.y + 12 }}
        >
          <Caption1 className={styles.tooltipText}>
            {hovered[nodeColumn.id]} — {stateLabel(hovered[nodeColumn.state])}
          </Caption1>
        </div>
      )}
    </div>
  );
}
