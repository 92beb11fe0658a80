import { setMaxListeners } from 'node:events';
import type { HostKeyPrompts } from '../ssh/host-key-prompts';
import type { SshConnections, SshLease } from '../ssh/connection-pool';
import type { HostKeyEvent } from '../ssh/ssh-connect';
import { runBounded } from '../operations/bounded-pool';
import type { OperationContext } from '../operations/operation-registry';
import { execCapped, type ExecAnswer } from './capped-exec';
import { endLabel, type FleetAnswers } from './fleet-answers';
import type { FleetPlan } from './fleet-plan';
import { classifyFailure, unreachable, type Unreachable } from './unreachable';

/** One command as it runs: where, as whom, and its limits. */
export interface FleetRunSpec {
  accountId: string;
  poolId: string;
  command: string;
  userName: string;
  concurrency: number;
  /** Per node, from the first connection attempt to the command's end. */
  timeoutMs: number;
  acceptNewHostKeys: boolean;
  capBytes: number;
}

/** What the runner uses: the shared SSH connections and the host-key prompt broker they wait on. */
export interface FleetRunnerDeps {
  connections: SshConnections;
  prompts: Pick<HostKeyPrompts, 'decide'>;
}

/**
 * Runs the command on every planned node with at most `concurrency` nodes in flight and records each answer (or why
 * there was none) in `answers`, reporting each node to the operation's tracker (which batches events to about ten a
 * second). Cancelling stops nodes not started and closes the channels of those running.
 */
export async function runFleet(context: OperationContext, spec: FleetRunSpec, plan: FleetPlan, answers: FleetAnswers, deps: FleetRunnerDeps): Promise<void> {
  const { tracker, signal } = context;
  for (const [nodeId, verdict] of plan.decided) {
    answers.addUnreachable(nodeId, verdict, 0);
    tracker.update(nodeId, { status: 'failed', error: errorOf(verdict) });
  }
  await runBounded(
    plan.nodeIds,
    spec.concurrency,
    async (nodeId) => {
      tracker.update(nodeId, { status: 'running', attempts: 1 });
      const started = Date.now();
      const result = await runOnNode(nodeId, spec, signal, deps);
      const took = Date.now() - started;
      if ('cancelled' in result) tracker.update(nodeId, { status: 'cancelled' });
      else if ('answer' in result) {
        answers.addAnswer(nodeId, result.answer, took);
        tracker.update(nodeId, { status: 'succeeded', outcome: endLabel(result.answer.end) });
      } else {
        answers.addUnreachable(nodeId, result.verdict, took);
        tracker.update(nodeId, { status: 'failed', error: errorOf(result.verdict) });
      }
    },
    signal,
  );
}

/** An unreachable verdict as an operation item's error: the reason rides in `serviceCode`. */
function errorOf(verdict: Unreachable): { code: string; message: string; serviceCode: string } {
  return { code: 'UNREACHABLE', message: verdict.detail, serviceCode: verdict.reason };
}

type NodeResult = { answer: ExecAnswer } | { verdict: Unreachable } | { cancelled: true };

/** Connects (sharing the node's connection if one is open), runs the command, releases; never throws. */
async function runOnNode(nodeId: string, spec: FleetRunSpec, signal: AbortSignal, deps: FleetRunnerDeps): Promise<NodeResult> {
  const mine = new AbortController();
  setMaxListeners(0, mine.signal);
  let why: Unreachable | undefined;
  const stop = (verdict?: Unreachable): void => {
    why ??= verdict;
    mine.abort();
  };
  const onCancel = (): void => stop();
  signal.addEventListener('abort', onCancel, { once: true });
  const deadline = Date.now() + spec.timeoutMs;
  const connectTimer = setTimeout(() => stop(unreachable('timeout', `No SSH connection to node ${nodeId} within ${spec.timeoutMs / 1000} s.`)), spec.timeoutMs);
  let lease: SshLease | undefined;
  try {
    // A first-seen key is decided on the next turn (accept-new), and a login refused after that is reported as such by
    // connectVerified: one attempt per node says what happened.
    lease = await deps.connections.acquire(
      { accountId: spec.accountId, poolId: spec.poolId, nodeId, user: spec.userName },
      { signal: mine.signal, onHostKey: (event) => onHostKey(event, spec.acceptNewHostKeys, deps, stop) },
    );
    clearTimeout(connectTimer);
    const answer = await execCapped(lease.client, spec.command, { capBytes: spec.capBytes, timeoutMs: deadline - Date.now(), signal: mine.signal });
    return { answer };
  } catch (error) {
    if (why) return { verdict: why };
    if (signal.aborted) return { cancelled: true };
    const verdict = classifyFailure(error);
    return verdict ? { verdict } : { cancelled: true };
  } finally {
    clearTimeout(connectTimer);
    signal.removeEventListener('abort', onCancel);
    lease?.release();
  }
}

/** A first-seen host key is trusted (accept-new) or ends this node's attempt; a changed key is refused by connectVerified itself. */
function onHostKey(event: HostKeyEvent, acceptNew: boolean, deps: FleetRunnerDeps, stop: (verdict: Unreachable) => void): void {
  if (event.kind !== 'prompt') return;
  if (!acceptNew) {
    stop(unreachable('host-key-unknown', `${event.hostKeyId} presented ${event.key.fingerprint}, which nobody trusted yet.`));
    return;
  }
  // The prompt is announced just before the connection starts waiting on it: decide on the next turn.
  setImmediate(() => {
    try {
      deps.prompts.decide(event.hostKeyId, event.key.fingerprint, 'trust');
    } catch {
      // Someone (a terminal tab) answered it already.
    }
  });
}
