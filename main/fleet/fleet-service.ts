import type { RequestOut } from '../../contract/channels';
import { fleetOutputCapBytes, type FleetHistoryEntry, type FleetPreflight, type FleetResult, type FleetTarget } from '../../contract/features/fleet';
import { ContractFailure } from '../../contract/result';
import type { BatchClientSource } from '../batch/batch-client-source';
import type { NodesService } from '../batch/nodes-service';
import type { Logger } from '../log';
import type { OperationRegistry } from '../operations/operation-registry';
import type { OperationTracker } from '../operations/operation-tracker';
import type { ProvisionedUserRegistry } from '../provision/user-registry';
import { FleetAnswers } from './fleet-answers';
import { toCsv, toJson } from './fleet-export';
import { historyEntryOf, type FleetHistory } from './fleet-history';
import { planFleet, preflightOf, targetNodeIds } from './fleet-plan';
import { runFleet, type FleetRunnerDeps, type FleetRunSpec } from './fleet-runner';

/** What the fleet service is built from. */
export interface FleetServiceDeps extends FleetRunnerDeps {
  clients: BatchClientSource;
  nodes: NodesService;
  users: ProvisionedUserRegistry;
  operations: OperationRegistry;
  history: FleetHistory;
  log: Logger;
  /** Bytes kept of each node's stdout and stderr (default 64 KiB). */
  capBytes?: number;
  /** Results kept for `fleet:result` (default 20; running ones are never dropped). */
  keepResults?: number;
  now?: () => Date;
}

interface FleetRun {
  spec: FleetRunSpec;
  answers: FleetAnswers;
  tracker?: OperationTracker;
  signal?: AbortSignal;
  nodeIds: string[];
}

type RunRequest = RequestOut<'fleet:run'>;

/**
 * Runs one command on many nodes of a pool over SSH (the shared connections) as an operation of the one registry,
 * and answers with the grouped result by operation id; keeps each pool's last commands in history.
 */
export class FleetService {
  private readonly runs = new Map<string, FleetRun>();
  private readonly now: () => Date;

  constructor(private readonly deps: FleetServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Which provisioned users could run a command on the target nodes. */
  async preflight(request: { accountId: string; poolId: string; target: FleetTarget }): Promise<FleetPreflight> {
    const { account } = await this.deps.clients.forAccount(request.accountId);
    const rows = await this.deps.nodes.rows(account.id, request.poolId, false);
    const { ids } = targetNodeIds(rows, request.target, request.poolId);
    return preflightOf(await this.deps.users.users(account.id, request.poolId), ids, this.now());
  }

  /** Starts the command on the target nodes; refuses (running nothing) when no node or no usable user. */
  async run(request: RunRequest): Promise<{ operationId: string; total: number }> {
    const { account } = await this.deps.clients.forAccount(request.accountId);
    const { poolId } = request;
    const rows = await this.deps.nodes.rows(account.id, poolId, true);
    const { ids, missing } = targetNodeIds(rows, request.target, poolId);
    if (ids.length === 0) throw new ContractFailure('CONFLICT', `None of the ${missing.length} chosen node(s) is in pool ${poolId} any more; nothing was run.`);
    const users = await this.deps.users.users(account.id, poolId);
    const userName = request.userName ?? preflightOf(users, ids, this.now()).suggestedUser;
    const user = users.find((u) => u.userName.toLowerCase() === userName?.toLowerCase());
    if (!user) {
      const message = userName
        ? `Batch Deck has not provisioned a user named ${userName} on pool ${poolId}. Provision one with the managed key first.`
        : `No user Batch Deck can log in with is provisioned on these nodes of pool ${poolId}. Provision one with the managed key first; nothing was run.`;
      throw new ContractFailure('CONFLICT', message, { needsUser: true });
    }
    const plan = planFleet(rows, ids, missing, user, this.now());
    const spec: FleetRunSpec = {
      accountId: account.id,
      poolId,
      command: request.command,
      userName: user.userName,
      concurrency: request.concurrency,
      timeoutMs: request.timeoutSeconds * 1000,
      acceptNewHostKeys: request.acceptNewHostKeys,
      capBytes: this.deps.capBytes ?? fleetOutputCapBytes,
    };
    const answers = new FleetAnswers();
    const nodeIds = [...plan.decided.keys(), ...plan.nodeIds];
    const run: FleetRun = { spec, answers, nodeIds };
    const targetLabel = request.targetLabel ?? describeTarget(request.target, nodeIds.length);
    const started = this.deps.operations.start({
      kind: 'fleet-command',
      accountId: account.id,
      poolId,
      // The command is the user's own text, shown back in progress and history; the log never carries it.
      subject: request.command.length > 120 ? `${request.command.slice(0, 119)}…` : request.command,
      logSubject: commandForLog(request.command),
      itemIds: nodeIds,
      run: (context) => {
        run.tracker = context.tracker;
        run.signal = context.signal;
        return runFleet(context, spec, plan, answers, this.deps);
      },
      // Runs before the registry marks the operation ended: the state is the one it is about to get.
      finished: async () => {
        const result = this.resultOf(started.operationId, run, run.signal?.aborted ? 'cancelled' : 'finished');
        await this.deps.history.add(account.id, poolId, historyEntryOf({ ...result, finishedAt: this.now().toISOString() }, targetLabel));
      },
    });
    this.runs.set(started.operationId, run);
    this.forgetOldest();
    return started;
  }

  /** The grouped answers of one command of this session. */
  result(operationId: string): FleetResult {
    const run = this.runs.get(operationId);
    if (!run) throw new ContractFailure('NOT_FOUND', `There is no fleet command ${operationId} in this session (results are kept until Batch Deck quits; history keeps their groups).`);
    return this.resultOf(operationId, run);
  }

  /** The result as a JSON or CSV file's text. */
  export(operationId: string, format: 'json' | 'csv'): { fileName: string; text: string } {
    const result = this.result(operationId);
    return format === 'csv' ? toCsv(result) : toJson(result);
  }

  /** One pool's last commands, newest first. */
  async history(accountId: string, poolId: string): Promise<FleetHistoryEntry[]> {
    const { account } = await this.deps.clients.forAccount(accountId);
    return this.deps.history.list(account.id, poolId);
  }

  private resultOf(operationId: string, run: FleetRun, ending?: 'finished' | 'cancelled'): FleetResult {
    const summary = run.tracker?.summary() ?? this.deps.operations.get(operationId);
    const state = ending ?? summary.state;
    const { answers, spec } = run;
    return {
      operationId,
      accountId: spec.accountId,
      poolId: spec.poolId,
      command: spec.command,
      userName: spec.userName,
      state,
      total: run.nodeIds.length,
      answered: answers.answered,
      groups: answers.sortedGroups(),
      histogram: answers.histogram(),
      nodes: answers.nodeResults(),
      notRun: state === 'running' ? [] : run.nodeIds.filter((id) => !answers.has(id)),
      outputCapBytes: spec.capBytes,
      startedAt: summary.startedAt,
      ...(summary.finishedAt ? { finishedAt: summary.finishedAt } : {}),
    };
  }

  private forgetOldest(): void {
    const keep = this.deps.keepResults ?? 20;
    const ended = [...this.runs.entries()].filter(([, run]) => run.tracker && !run.tracker.running);
    for (const [id] of ended.slice(0, Math.max(0, ended.length - keep))) this.runs.delete(id);
  }
}

/** "all nodes", "3 selected nodes", "nodes idle or running": how history names a target. */
function describeTarget(target: FleetTarget, count: number): string {
  if ('all' in target) return `all ${count} nodes`;
  if ('states' in target) return `${count} ${target.states.join(' or ')} nodes`;
  return `${count} chosen node${count === 1 ? '' : 's'}`;
}

/**
 * What the log may say about a fleet command: its program name when that is a plain word (`hostname`, `nvidia-smi`),
 * never arguments, and nothing when the first word could carry a value (`TOKEN=… run`, quotes, `$(…)`).
 */
export function commandForLog(command: string): string {
  const first = command.trim().split(/\s+/)[0] ?? '';
  return /^[A-Za-z0-9_./-]{1,40}$/.test(first) ? `command "${first} …"` : 'command';
}
