import type { NodeRow } from '../../contract/features/batch-models';
import { normalizeState } from './pool-mapping';
import type { BatchNode } from './rest/models/nodes';

/** Node fields the rows need; `$select` keeps a 10,000-node listing to about a megabyte. */
export const nodeListSelect = ['id', 'state', 'schedulingState', 'ipAddress', 'isDedicated', 'endpointConfiguration', 'startTaskInfo'];

/** One listed BatchNode as a compact row (see NodeRow). */
export function toNodeRow(node: BatchNode): NodeRow {
  const ssh = node.endpointConfiguration?.inboundEndpoints?.find((e) => e.backendPort === 22);
  const exitCode = node.startTaskInfo?.exitCode;
  return [
    node.id ?? '',
    normalizeState(node.state),
    normalizeState(node.schedulingState ?? 'enabled'),
    node.ipAddress ?? '',
    ssh?.frontendPort ?? 0,
    typeof exitCode === 'number' ? exitCode : null,
    node.isDedicated === false ? 0 : 1,
    ssh?.publicIPAddress ?? '',
  ];
}

/** True when two row lists say the same thing (same order, same values). */
export function sameRows(a: readonly NodeRow[], b: readonly NodeRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as NodeRow;
    const y = b[i] as NodeRow;
    for (let c = 0; c < x.length; c++) if (x[c] !== y[c]) return false;
  }
  return true;
}
