import type { FleetResult } from '../../contract/features/fleet';
import { endLabel } from './fleet-answers';

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180); formula-like text is defused for spreadsheets. */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A file name for the export: pool, time and format, safe on every OS. */
function fileNameOf(result: FleetResult, extension: string): string {
  const time = result.startedAt.replace(/[:.]/g, '-');
  return `fleet-${result.poolId}-${time}.${extension}`;
}

/** The result as CSV, one row per node: node, group, end, duration, stdout, stderr (or the reason). */
export function toCsv(result: FleetResult): { fileName: string; text: string } {
  const nodes = new Map(result.nodes.map((node) => [node.nodeId, node]));
  const header = ['node_id', 'group', 'end', 'duration_ms', 'stdout', 'stderr', 'unreachable_reason', 'detail'];
  const lines = [header.join(',')];
  result.groups.forEach((group, index) => {
    for (const nodeId of group.nodeIds) {
      const node = nodes.get(nodeId);
      const cells =
        group.kind === 'answer'
          ? [nodeId, index + 1, endLabel(group.end), node?.durationMs ?? '', group.stdout, group.stderr, '', '']
          : [nodeId, index + 1, 'unreachable', node?.durationMs ?? '', '', '', group.reason, node?.detail ?? group.message];
      lines.push(cells.map(csvField).join(','));
    }
  });
  for (const nodeId of result.notRun) lines.push([nodeId, '', 'not run', '', '', '', '', ''].map(csvField).join(','));
  return { fileName: fileNameOf(result, 'csv'), text: `${lines.join('\r\n')}\r\n` };
}

/** The result as JSON: the command, groups (with their output once) and every node's group and duration. */
export function toJson(result: FleetResult): { fileName: string; text: string } {
  return { fileName: fileNameOf(result, 'json'), text: `${JSON.stringify(result, null, 2)}\n` };
}
