import { createHash } from 'node:crypto';
import type { FleetEnd, FleetGroup, FleetNodeResult } from '../../contract/features/fleet';
import { assertNever } from '../../contract/result';
import type { ExecAnswer } from './capped-exec';
import type { Unreachable } from './unreachable';

/** `exit 0`, `signal KILL`, `timeout`: how an end reads in histograms, outcomes and exports. */
export function endLabel(end: FleetEnd): string {
  switch (end.kind) {
    case 'exit':
      return `exit ${end.code}`;
    case 'signal':
      return `signal ${end.signal}`;
    case 'timeout':
      return 'timeout';
    default:
      return assertNever(end, 'fleet end');
  }
}

/** What grouping compares: a timed-out command's elapsed time differs per node, so only the kind counts there. */
function endKey(end: FleetEnd): string {
  return endLabel(end);
}

/**
 * Collects every node's answer and collapses identical ones (same stdout, stderr, bytes past the cap and end) into
 * one group that keeps the output once, so 2,000 nodes saying `hostname`-like things cost their distinct answers,
 * not 2,000 copies. Unreachable nodes group by reason and the reason's words.
 */
export class FleetAnswers {
  private readonly groups = new Map<string, FleetGroup>();
  private readonly nodes = new Map<string, FleetNodeResult>();

  /** Nodes recorded so far. */
  get answered(): number {
    return this.nodes.size;
  }

  /** Records a node's answer; returns its group key. A node recorded twice keeps its first answer. */
  addAnswer(nodeId: string, answer: ExecAnswer, durationMs: number): string {
    if (this.nodes.has(nodeId)) return (this.nodes.get(nodeId) as FleetNodeResult).groupKey;
    const key = createHash('sha256')
      .update(JSON.stringify([endKey(answer.end), answer.stdout, answer.stderr, answer.stdoutDropped, answer.stderrDropped]))
      .digest('hex')
      .slice(0, 20);
    const group = this.groups.get(key);
    if (group) {
      group.count++;
      group.nodeIds.push(nodeId);
    } else {
      this.groups.set(key, { kind: 'answer', key, count: 1, nodeIds: [nodeId], ...answer });
    }
    this.nodes.set(nodeId, { nodeId, groupKey: key, durationMs });
    return key;
  }

  /** Records that a node gave no answer, and why. */
  addUnreachable(nodeId: string, verdict: Unreachable, durationMs: number): string {
    if (this.nodes.has(nodeId)) return (this.nodes.get(nodeId) as FleetNodeResult).groupKey;
    const key = `unreachable:${verdict.reason}:${createHash('sha256').update(verdict.summary).digest('hex').slice(0, 8)}`;
    const group = this.groups.get(key);
    if (group) {
      group.count++;
      group.nodeIds.push(nodeId);
    } else {
      this.groups.set(key, { kind: 'unreachable', key, count: 1, nodeIds: [nodeId], reason: verdict.reason, message: verdict.summary });
    }
    this.nodes.set(nodeId, { nodeId, groupKey: key, durationMs, detail: verdict.detail });
    return key;
  }

  /** Groups, largest first; at equal size answers before unreachable ones, then by first node id (stable). */
  sortedGroups(): FleetGroup[] {
    return [...this.groups.values()]
      .map((group) => ({ ...group, nodeIds: [...group.nodeIds].sort() }))
      .sort((a, b) => b.count - a.count || rank(a) - rank(b) || (a.nodeIds[0] ?? '').localeCompare(b.nodeIds[0] ?? ''));
  }

  /** Nodes per end (`exit 0`, `signal KILL`, `timeout`, `unreachable`), most common first. */
  histogram(): { label: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const group of this.groups.values()) {
      const label = group.kind === 'answer' ? endLabel(group.end) : 'unreachable';
      counts.set(label, (counts.get(label) ?? 0) + group.count);
    }
    return [...counts.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  }

  /** Every recorded node, by id. */
  nodeResults(): FleetNodeResult[] {
    return [...this.nodes.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  }

  /** Whether a node has an answer or a verdict. */
  has(nodeId: string): boolean {
    return this.nodes.has(nodeId);
  }
}

function rank(group: FleetGroup): number {
  return group.kind === 'answer' ? 0 : 1;
}
