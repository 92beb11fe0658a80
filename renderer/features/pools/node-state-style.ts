import { makeStyles } from '@fluentui/react-components';
import { knownNodeStates, type NodeStateCounts, type PoolSummary } from '../../../contract/features/batch-models';

/** Colour per node state: green is working, blue is busy, amber is on its way, red needs the operator. */
const stateColors: Record<string, string> = {
  idle: '#107c10',
  running: '#0078d4',
  creating: '#a19f9d',
  starting: '#69afe5',
  waitingforstarttask: '#ffb900',
  starttaskfailed: '#d13438',
  rebooting: '#8764b8',
  reimaging: '#5c2e91',
  leavingpool: '#c19c00',
  offline: '#605e5c',
  preempted: '#ca5010',
  unusable: '#750b1c',
  unknown: '#323130',
  // 2025-06-01: a deallocated node is stopped on purpose (disk kept, not billed for compute), so calm slate greys;
  // an OS upgrade is planned maintenance, teal.
  deallocating: '#7a8ca3',
  deallocated: '#4a5d75',
  upgradingos: '#038387',
};

/** Colour for a state newer than this app. */
export const otherStateColor = '#e3008c';

/** The colour that stands for a node state. */
export function stateColor(state: string): string {
  return stateColors[state] ?? otherStateColor;
}

const labels: Record<string, string> = {
  waitingforstarttask: 'waiting for start task',
  starttaskfailed: 'start task failed',
  leavingpool: 'leaving pool',
  upgradingos: 'upgrading OS',
  deallocated: 'deallocated (stopped, disk kept)',
};

/** One background class per node state, plus `other` for states newer than this app: swatches need no inline style. */
export const useStateBackgrounds = makeStyles({
  ...Object.fromEntries(Object.entries(stateColors).map(([state, color]) => [state, { backgroundColor: color }])),
  other: { backgroundColor: otherStateColor },
});

/** The class from {@link useStateBackgrounds} that paints `state`'s colour. */
export function stateBackground(classes: Record<string, string>, state: string): string {
  return classes[state] ?? (classes.other as string);
}

/** Words for a node state. */
export function stateLabel(state: string): string {
  return labels[state] ?? state;
}

/** States in which a node has finished arriving (for allocation progress). */
export const settledStates = new Set(['idle', 'running', 'starttaskfailed', 'unusable', 'offline', 'preempted', 'deallocated']);

/** Dedicated and spot counts added per state, known states first in their usual order, then any others. */
export function mergeCounts(counts: { dedicated: NodeStateCounts; spot: NodeStateCounts } | undefined): { state: string; count: number }[] {
  if (!counts) return [];
  const merged = new Map<string, number>();
  for (const source of [counts.dedicated, counts.spot]) {
    for (const [state, count] of Object.entries(source)) if (state !== 'total') merged.set(state, (merged.get(state) ?? 0) + count);
  }
  const order = (state: string) => {
    const index = (knownNodeStates as readonly string[]).indexOf(state);
    return index === -1 ? knownNodeStates.length : index;
  };
  return [...merged.entries()]
    .filter(([, count]) => count > 0)
    .sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))
    .map(([state, count]) => ({ state, count }));
}

/** Counts of rows per state, for the heat map legend and "all nodes in a state" actions. */
export function countByState(states: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const state of states) out.set(state, (out.get(state) ?? 0) + 1);
  return out;
}

/** True while a pool is still reaching its target (resizing, deleting, or nodes still on their way). */
export function isChanging(pool: PoolSummary | undefined): boolean {
  if (!pool) return true;
  if (pool.allocationState !== 'steady' || pool.state === 'deleting') return true;
  return mergeCounts(pool.nodeCounts).some((c) => !settledStates.has(c.state));
}
