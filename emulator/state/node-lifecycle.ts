import type { NodeRef, NodeRuntimeApi, StartTaskOutcome } from '../node-runtime/types';
import type { NodeState, StartTaskInfoRecord, StoredNode } from './model';
import type { BatchStore } from './store';
import { Limiter, type Step, type Timers } from './timers';
import { isoNow } from './ids';
import { frontendPortFor, sshNatPoolOf, startTaskOf, type StartTaskRecord } from './pool-spec';

/** Pools up to this size get their nodes' SSH servers at boot; bigger pools open them on first use. */
export const EAGER_SSH_LIMIT = 100;

/** What the lifecycle works with. */
export interface LifecycleDeps {
  store: BatchStore;
  runtime: NodeRuntimeApi;
  timers: Timers;
  log: (message: string) => void;
}

/** The runtime's handle for a node. */
export function refOf(node: StoredNode): NodeRef {
  return { poolId: node.poolId, nodeId: node.id };
}

/**
 * Moves nodes through the service's states: creating → starting → waitingforstarttask → idle / starttaskfailed,
 * reboot, reimage, deallocate (→ deallocating → deallocated) and start (→ starting …), removal. Each node carries an epoch: a newer operation (reboot during boot, delete during a
 * start task) makes the older one's pending steps no-ops.
 */
export class NodeLifecycle {
  private readonly epochs = new Map<string, number>();
  private readonly prepared = new Map<string, Promise<void>>();
  /** A stop or wipe still in flight per node: the next boot waits for it so it cannot undo the fresh start. */
  private readonly settling = new Map<string, Promise<void>>();
  private readonly work = new Limiter(4);
  private readonly listeners: ((node: StoredNode) => void)[] = [];

  constructor(private readonly deps: LifecycleDeps) {}

  /** Calls `listener` after every node state change and removal (the task scheduler follows nodes with it). */
  onNodeChange(listener: (node: StoredNode) => void): void {
    this.listeners.push(listener);
  }

  /** Sets a node's state and its transition time. */
  setState(node: StoredNode, state: NodeState): void {
    node.state = state;
    node.stateTransitionTime = isoNow();
    this.deps.store.changed();
    for (const listener of this.listeners) listener(node);
  }

  /** Starts a new operation on a node; returns its epoch. */
  begin(node: StoredNode): number {
    const epoch = (this.epochs.get(node.id) ?? 0) + 1;
    this.epochs.set(node.id, epoch);
    return epoch;
  }

  private live(node: StoredNode, epoch: number): boolean {
    return this.epochs.get(node.id) === epoch && this.deps.store.node(node.poolId, node.id) === node;
  }

  /** After a step's delay, runs `fn` if no newer operation began on the node. */
  private step(node: StoredNode, epoch: number, step: Step, fn: () => void): void {
    this.deps.timers.after(step, () => {
      if (this.live(node, epoch)) fn();
    });
  }

  /** Allocates new nodes in a few groups; calls `allocated` once every group has left `creating`. */
  provision(nodes: readonly StoredNode[], allocated: () => void): void {
    const groups = Math.min(8, nodes.length);
    if (groups === 0) {
      this.deps.timers.after('stopResize', allocated);
      return;
    }
    let remaining = groups;
    const size = Math.ceil(nodes.length / groups);
    for (let g = 0; g < groups; g++) {
      const group = nodes.slice(g * size, (g + 1) * size).map((node) => ({ node, epoch: this.begin(node) }));
      this.deps.timers.after('allocate', () => {
        for (const { node, epoch } of group) if (this.live(node, epoch)) this.bootFrom(node, epoch);
        if (--remaining === 0) allocated();
      });
    }
  }

  /** Boots a node that is (re)starting: `starting`, then the start task, then idle. */
  bootFrom(node: StoredNode, epoch: number): void {
    this.setState(node, 'starting');
    this.step(node, epoch, 'boot', () => this.afterBoot(node, epoch));
  }

  private afterBoot(node: StoredNode, epoch: number): void {
    const pool = this.deps.store.pool(node.poolId);
    if (!pool) return;
    node.lastBootTime = isoNow();
    const task = startTaskOf(pool);
    const wait = task !== undefined && task.waitForSuccess !== false;
    this.setState(node, wait ? 'waitingforstarttask' : 'idle');
    if (task) void this.runStartTask(node, epoch, task, wait);
    if (sshNatPoolOf(pool) && this.deps.store.nodesOf(pool.id).length <= EAGER_SSH_LIMIT) {
      this.ensureSsh(node).catch((error: Error) => this.deps.log(`SSH for node ${node.id} failed to open: ${error.message}`));
    }
  }

  private async runStartTask(node: StoredNode, epoch: number, task: StartTaskRecord, wait: boolean): Promise<void> {
    node.startTaskInfo = { state: 'running', startTime: isoNow(), retryCount: 0 };
    this.deps.store.changed();
    let info: StartTaskInfoRecord;
    try {
      await this.ensurePrepared(node);
      const outcome = await this.work.run(() => this.deps.runtime.runStartTask(refOf(node), task));
      info = startTaskInfoFrom(outcome);
    } catch (error) {
      const message = (error as Error).message;
      this.deps.log(`Start task on node ${node.id} could not run: ${message}`);
      const now = isoNow();
      info = { state: 'completed', startTime: node.startTaskInfo.startTime, endTime: now, retryCount: 0, result: 'failure',
        failureInfo: { category: 'servererror', code: 'TaskFailedToStart', message } };
    }
    if (!this.live(node, epoch)) return;
    node.startTaskInfo = info;
    if (wait) this.setState(node, info.result === 'success' ? 'idle' : 'starttaskfailed');
    else this.deps.store.changed();
  }

  /** Creates the node's folders once (lazily for big pools). */
  ensurePrepared(node: StoredNode): Promise<void> {
    let ready = this.prepared.get(node.id);
    if (!ready) {
      const settled = this.settling.get(node.id) ?? Promise.resolve();
      ready = settled.then(() => this.work.run(() => this.deps.runtime.prepareNode(refOf(node))));
      ready.catch(() => this.prepared.delete(node.id));
      this.prepared.set(node.id, ready);
    }
    return ready;
  }

  /** Opens the node's SSH server if its pool maps port 22; returns the port really listened on. */
  async ensureSsh(node: StoredNode): Promise<number | undefined> {
    // A deallocated VM is off: nothing listens until it is started again.
    if (isPoweredOff(node)) return undefined;
    const pool = this.deps.store.pool(node.poolId);
    const nat = pool && sshNatPoolOf(pool);
    const preferred = nat && frontendPortFor(nat, node.portSlot);
    if (preferred === undefined) return undefined;
    const open = this.deps.runtime.sshPort(refOf(node));
    if (open !== undefined) return open;
    await this.ensurePrepared(node);
    const port = await this.deps.runtime.openSsh(refOf(node), node.sshPort ?? preferred);
    if (isPoweredOff(node)) {
      // Deallocated while the server was opening: close it again (start opens it anew).
      this.settle(node, this.deps.runtime.stopNode(refOf(node)), 'Closing SSH of');
      return undefined;
    }
    if (port !== (node.sshPort ?? preferred)) {
      node.sshPort = port === preferred ? undefined : port;
      this.deps.store.changed();
    }
    return port;
  }

  /**
   * Takes a node down for an operation: a new epoch, the operation's state, and its runtime stopped (or wiped);
   * after the step's delay, `then` runs unless a newer operation began.
   */
  private takeDown(node: StoredNode, state: NodeState, step: Step, then: (epoch: number) => void, wipe = false): void {
    const epoch = this.begin(node);
    this.setState(node, state);
    this.prepared.delete(node.id);
    const ref = refOf(node);
    this.settle(node, wipe ? this.deps.runtime.wipeNode(ref) : this.deps.runtime.stopNode(ref), `Taking down (${state})`);
    this.step(node, epoch, step, () => then(epoch));
  }

  /** Reboots: stops shells and SSH, waits, boots again (the start task runs again). */
  reboot(node: StoredNode): void {
    this.takeDown(node, 'rebooting', 'reboot', (epoch) => this.bootFrom(node, epoch));
  }

  /** Reimages: stops the node, wipes its folders and users, then boots it fresh. */
  reimage(node: StoredNode): void {
    node.users = [];
    delete node.startTaskInfo;
    this.takeDown(node, 'reimaging', 'reimage', (epoch) => this.bootFrom(node, epoch), true);
  }

  /**
   * Deallocates: the VM stops (SSH server, shells and start task end) but its disk stays: files and users are kept
   * for `start`, which boots the node again (its start task runs again, as after a reboot).
   */
  deallocate(node: StoredNode): void {
    this.takeDown(node, 'deallocating', 'deallocate', () => this.setState(node, 'deallocated'));
  }

  /** Starts a deallocated node: `starting`, then the start task and idle, with its folders and users as they were. */
  start(node: StoredNode): void {
    this.bootFrom(node, this.begin(node));
  }

  /**
   * An OS upgrade (what an automatic upgradePolicy does to a node): `upgradingos` while the VM is down (SSH and shells
   * end), then it boots like after a reboot. The emulator does it only when asked (admin endpoint).
   */
  upgradeOs(node: StoredNode): void {
    this.takeDown(node, 'upgradingos', 'reboot', (epoch) => this.bootFrom(node, epoch));
  }

  /** Remembers a stop/wipe in flight so the next prepare waits for it; failures are logged, never thrown. */
  private settle(node: StoredNode, work: Promise<void>, what: string): void {
    const done = work.catch((e: Error) => this.deps.log(`${what} node ${node.id}: ${e.message}`));
    this.settling.set(node.id, done);
    void done.then(() => {
      if (this.settling.get(node.id) === done) this.settling.delete(node.id);
    });
  }

  /** Puts a node in a state it cannot leave on its own (fault injection): unusable or preempted. */
  strand(node: StoredNode, state: 'unusable' | 'preempted'): void {
    this.begin(node);
    this.setState(node, state);
    this.deps.runtime.stopNode(refOf(node)).catch((e: Error) => this.deps.log(`Stopping node ${node.id}: ${e.message}`));
  }

  /** Marks a node leaving, then deletes it and everything of it; `gone` runs after. */
  remove(node: StoredNode, gone: () => void, step: Step = 'leave'): void {
    const epoch = this.begin(node);
    this.setState(node, 'leavingpool');
    this.deps.timers.after(step, () => {
      if (this.epochs.get(node.id) !== epoch) return;
      this.forget(node);
      gone();
    });
  }

  /** Deletes a node's runtime resources and record at once. */
  forget(node: StoredNode): void {
    this.epochs.delete(node.id);
    this.prepared.delete(node.id);
    this.deps.store.removeNode(node.poolId, node.id);
    for (const listener of this.listeners) listener(node);
    this.work
      .run(() => this.deps.runtime.removeNode(refOf(node)))
      .catch((e: Error) => this.deps.log(`Removing node ${node.id}: ${e.message}`));
  }
}

/** Whether the node's VM is off (deallocating or deallocated): no SSH server may run for it. */
function isPoweredOff(node: StoredNode): boolean {
  return node.state === 'deallocating' || node.state === 'deallocated';
}

/** The wire `startTaskInfo` for a finished start task. */
export function startTaskInfoFrom(outcome: StartTaskOutcome): StartTaskInfoRecord {
  const success = outcome.exitCode === 0 && !outcome.failure;
  const info: StartTaskInfoRecord = {
    state: 'completed',
    startTime: isoNow(outcome.startTime),
    endTime: isoNow(outcome.endTime),
    exitCode: outcome.exitCode,
    retryCount: outcome.retryCount,
    result: success ? 'success' : 'failure',
  };
  if (outcome.retryCount > 0) info.lastRetryTime = isoNow(outcome.startTime);
  if (outcome.failure) info.failureInfo = outcome.failure;
  else if (!success) {
    info.failureInfo = { category: 'usererror', code: 'FailureExitCode', message: 'The task exited with an exit code representing a failure' };
  }
  return info;
}
