import type { NodeRuntimeApi, TaskRunHandle } from '../node-runtime/types';
import type { FailureInfoRecord, JsonObject, StoredJob, StoredNode, StoredPool, StoredTask } from './model';
import type { BatchStore } from './store';
import { refOf, type NodeLifecycle } from './node-lifecycle';
import { effectiveRetries } from '../node-runtime/start-task';
import { isoNow } from './ids';
import { durationMs, ENDED_FAILURE, EXIT_CODE_FAILURE, moveTask, WALL_CLOCK_FAILURE } from './task-state';
import { taskVariables } from './task-variables';

/** One task placed on a node: its slots, its current attempt and its wall-clock timer. */
interface Run {
  task: StoredTask;
  job: StoredJob;
  node: StoredNode;
  slots: number;
  handle?: TaskRunHandle;
  timer?: NodeJS.Timeout;
  expired?: boolean;
}

/** What the scheduler works with; `prepare` runs the job preparation task on a node (false: it failed). */
export interface SchedulerDeps {
  store: BatchStore;
  nodes: NodeLifecycle;
  runtime: NodeRuntimeApi;
  log: (message: string) => void;
  prepare: (job: StoredJob, node: StoredNode) => Promise<boolean>;
  /** Whether the job's preparation task failed on the node, so its tasks must go elsewhere. */
  blocked: (job: StoredJob, node: StoredNode) => boolean;
  /** Called when a job's last task completed (onAllTasksComplete). */
  allTasksComplete: (job: StoredJob) => void;
}

/** The longest timer Node keeps (about 24.8 days); longer limits can never expire in a local session. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How many tasks a pass skips (they need more slots than any node has free) before it gives up on a job. */
const MAX_MISSES = 1000;

function poolSlots(pool: StoredPool): { perNode: number; pack: boolean } {
  const policy = pool.spec.taskSchedulingPolicy as JsonObject | undefined;
  return { perNode: Number(pool.spec.taskSlotsPerNode ?? 1), pack: String(policy?.nodeFillType ?? 'spread').toLowerCase() === 'pack' };
}

/**
 * Runs the tasks of active jobs on their pool's idle and running nodes, honouring taskSlotsPerNode, requiredSlots and
 * the pool's spread/pack fill type. Work happens only on events (task added, task ended, node changed, job enabled):
 * there is no timer per task, and a job with 100,000 completed tasks costs nothing here.
 */
export class TaskScheduler {
  private readonly runs = new Map<StoredTask, Run>();
  private readonly used = new Map<StoredNode, Set<Run>>();
  private pending = false;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {
    deps.nodes.onNodeChange((node) => this.nodeChanged(node));
  }

  /** Schedules a pass soon (many kicks in one tick cost one pass). */
  kick(): void {
    if (this.pending || this.stopped) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      if (!this.stopped) this.schedule();
    });
  }

  /** Slots in use and tasks running on a node (for the node's runningTasksCount and runningTaskSlotsCount). */
  usageOf(node: StoredNode): { tasks: StoredTask[]; slots: number } {
    const runs = [...(this.used.get(node) ?? [])];
    return { tasks: runs.map((r) => r.task), slots: runs.reduce((sum, r) => sum + r.slots, 0) };
  }

  /** The running (or preparing) tasks of a job, without scanning the job. */
  runningOf(job: StoredJob): StoredTask[] {
    return [...this.runs.values()].filter((r) => r.job === job).map((r) => r.task);
  }

  /** Ends a task now: a running attempt is killed; the task completes as ended (terminate). */
  terminate(task: StoredTask): void {
    const run = this.runs.get(task);
    if (run) {
      this.release(run);
      moveTask(this.deps.store, task, 'completed', (exec) => {
        exec.endTime = isoNow();
        exec.exitCode = 137;
        exec.result = 'failure';
        exec.failureInfo = ENDED_FAILURE;
      });
      this.kick();
    } else if (task.state === 'active') {
      moveTask(this.deps.store, task, 'completed', (exec) => {
        exec.endTime = isoNow();
        exec.result = 'failure';
        exec.failureInfo = ENDED_FAILURE;
      });
    }
    const job = this.deps.store.job(task.jobId);
    if (job) this.afterCompletion(job);
  }

  /** Puts a running task back in the queue (node went away, job disabled with requeue). */
  requeue(task: StoredTask): void {
    const run = this.runs.get(task);
    if (!run) return;
    this.release(run);
    moveTask(this.deps.store, task, 'active', (exec) => {
      exec.requeueCount++;
      exec.lastRequeueTime = isoNow();
    });
    this.kick();
  }

  /** Kills a task's attempt and forgets it without changing its state (the task is being deleted). */
  forget(task: StoredTask): void {
    const run = this.runs.get(task);
    if (run) this.release(run);
  }

  /** Ends a job's tasks for a job terminate, disable or delete (only its active and running tasks are touched). */
  endJobTasks(job: StoredJob, how: 'terminate' | 'requeue' | 'forget'): void {
    const running = this.runningOf(job);
    if (how === 'requeue') return running.forEach((task) => this.requeue(task));
    if (how === 'forget') return running.forEach((task) => this.forget(task));
    for (const task of running) this.terminate(task);
    for (const task of [...this.deps.store.tableOf(job.id).active()]) this.terminate(task);
  }

  /** After a restart: tasks that were running have no process any more, so they go back to the queue (and their nodes are idle). */
  resume(): void {
    for (const pool of this.deps.store.allPools()) {
      for (const node of this.deps.store.nodesOf(pool.id)) if (node.state === 'running') this.deps.nodes.setState(node, 'idle');
    }
    for (const job of this.deps.store.allJobs()) {
      const table = this.deps.store.tableOf(job.id);
      if (table.tally.running === 0) continue;
      for (const task of [...table.all()]) {
        if (task.state !== 'running' && task.state !== 'preparing') continue;
        moveTask(this.deps.store, task, 'active', (exec) => {
          exec.requeueCount++;
          exec.lastRequeueTime = isoNow();
        });
      }
    }
    this.kick();
  }

  /** Stops scheduling (emulator shutdown); the runtime kills the processes. */
  stop(): void {
    this.stopped = true;
    for (const run of this.runs.values()) clearTimeout(run.timer);
  }

  private schedule(): void {
    const jobs = this.deps.store.allJobs().filter((j) => j.state === 'active' && this.deps.store.tableOf(j.id).tally.active > 0);
    jobs.sort((a, b) => Number(b.spec.priority ?? 0) - Number(a.spec.priority ?? 0));
    for (const job of jobs) this.scheduleJob(job);
  }

  private scheduleJob(job: StoredJob): void {
    const pool = this.deps.store.pool(job.executionInfo.poolId ?? '');
    if (!pool || pool.state !== 'active') return;
    const { perNode, pack } = poolSlots(pool);
    const free = this.deps.store
      .nodesOf(pool.id)
      .filter((n) => (n.state === 'idle' || n.state === 'running') && n.schedulingState !== 'disabled' && !this.deps.blocked(job, n))
      .map((node) => ({ node, free: perNode - this.usageOf(node).slots }));
    const table = this.deps.store.tableOf(job.id);
    const maxParallel = Number(job.spec.maxParallelTasks ?? -1);
    let misses = 0;
    for (const task of table.active()) {
      if (!free.some((f) => f.free > 0)) return;
      if (maxParallel >= 0 && table.tally.running >= maxParallel) return;
      const needed = Number(task.spec.requiredSlots ?? 1);
      const fits = free.filter((f) => f.free >= needed);
      const target = pack ? fits[0] : fits.sort((a, b) => b.free - a.free)[0];
      if (!target) {
        if (++misses > MAX_MISSES) return;
        continue;
      }
      target.free -= needed;
      this.assign(job, task, target.node, needed);
    }
  }

  private assign(job: StoredJob, task: StoredTask, node: StoredNode, slots: number): void {
    const run: Run = { task, job, node, slots };
    this.runs.set(task, run);
    let onNode = this.used.get(node);
    if (!onNode) this.used.set(node, (onNode = new Set()));
    onNode.add(run);
    task.nodeInfo = { poolId: node.poolId, nodeId: node.id, taskRootDirectory: this.deps.runtime.taskDir(refOf(node), job.id, task.id) };
    if (node.state === 'idle') this.deps.nodes.setState(node, 'running');
    if (!job.spec.jobPreparationTask || job.nodeRuns?.[node.id]?.preparation?.result === 'success') {
      this.attempt(run, false);
      return;
    }
    moveTask(this.deps.store, task, 'preparing');
    void this.deps.prepare(job, node).then((ok) => {
      if (this.runs.get(task) !== run) return;
      if (ok) return this.attempt(run, false);
      // The preparation task failed here: the task waits for another node, as on the service.
      this.release(run);
      moveTask(this.deps.store, task, 'active');
      this.kick();
    });
  }

  private attempt(run: Run, retry: boolean): void {
    const { task, job, node } = run;
    const now = new Date();
    moveTask(this.deps.store, task, 'running', (exec) => {
      exec.startTime = isoNow(now);
      if (retry) {
        exec.retryCount++;
        exec.lastRetryTime = isoNow(now);
      }
    });
    const spec = task.spec;
    const handle = this.deps.runtime.runTask(refOf(node), {
      jobId: job.id,
      taskFolder: task.id,
      commandLine: String(spec.commandLine),
      environmentSettings: [...environmentOf(job.spec.commonEnvironmentSettings), ...environmentOf(spec.environmentSettings)],
      variables: taskVariables(job, task, node, this.deps.runtime.taskDir(refOf(node), job.id, 'jobpreparation')),
    });
    run.handle = handle;
    const limit = durationMs((spec.constraints as JsonObject | undefined)?.maxWallClockTime);
    if (limit !== undefined && limit < MAX_TIMER_MS && !run.timer) {
      run.timer = setTimeout(() => {
        run.expired = true;
        void run.handle?.kill();
      }, limit);
    }
    handle.outcome.then(
      (result) => this.finished(run, handle, result.exitCode, result.failure),
      (error: Error) => this.finished(run, handle, -1, { category: 'servererror', code: 'TaskFailedToStart', message: error.message }),
    );
  }

  private finished(run: Run, handle: TaskRunHandle, exitCode: number, failure: FailureInfoRecord | undefined): void {
    if (this.runs.get(run.task) !== run || run.handle !== handle) return;
    const { task } = run;
    if (run.expired) return this.complete(run, exitCode, WALL_CLOCK_FAILURE);
    if (failure) return this.complete(run, exitCode, failure);
    if (exitCode === 0) return this.complete(run, 0, undefined);
    const maxRetries = effectiveRetries(Number((task.spec.constraints as JsonObject | undefined)?.maxTaskRetryCount ?? 0));
    if ((task.executionInfo?.retryCount ?? 0) < maxRetries) return this.attempt(run, true);
    this.complete(run, exitCode, EXIT_CODE_FAILURE);
  }

  private complete(run: Run, exitCode: number, failure: FailureInfoRecord | undefined): void {
    this.release(run);
    run.node.totalTasksRun = (run.node.totalTasksRun ?? 0) + 1;
    if (!failure) run.node.totalTasksSucceeded = (run.node.totalTasksSucceeded ?? 0) + 1;
    moveTask(this.deps.store, run.task, 'completed', (exec) => {
      exec.endTime = isoNow();
      exec.exitCode = exitCode;
      exec.result = failure ? 'failure' : 'success';
      if (failure) exec.failureInfo = failure;
      else delete exec.failureInfo;
    });
    this.afterCompletion(run.job);
    this.kick();
  }

  private afterCompletion(job: StoredJob): void {
    const tally = this.deps.store.tableOf(job.id).tally;
    if (tally.active === 0 && tally.running === 0 && job.state === 'active') this.deps.allTasksComplete(job);
  }

  /** Frees a run's slots (node back to idle when it was the last) and kills its attempt if still running. */
  private release(run: Run): void {
    this.runs.delete(run.task);
    clearTimeout(run.timer);
    void run.handle?.kill();
    const onNode = this.used.get(run.node);
    onNode?.delete(run);
    if (onNode?.size === 0) {
      this.used.delete(run.node);
      if (run.node.state === 'running' && this.deps.store.node(run.node.poolId, run.node.id) === run.node) this.deps.nodes.setState(run.node, 'idle');
    }
  }

  private nodeChanged(node: StoredNode): void {
    if (node.state === 'idle' || node.state === 'running') {
      if (this.deps.store.node(node.poolId, node.id) === node) return this.kick();
    }
    // The node went down (reboot, reimage, removal, …): its tasks go back to the queue.
    for (const run of [...(this.used.get(node) ?? [])]) this.requeue(run.task);
  }
}

function environmentOf(value: unknown): { name: string; value?: string }[] {
  return Array.isArray(value) ? (value as { name: string; value?: string }[]) : [];
}
