import type { StoredTask, TaskState } from './model';

/** A job's task counts as /jobs/{id}/taskcounts reports them (preparing counts as running). */
export interface TaskTally {
  active: number;
  running: number;
  completed: number;
  succeeded: number;
  failed: number;
}

function emptyTally(): TaskTally {
  return { active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 };
}

function bucketOf(state: TaskState): 'active' | 'running' | 'completed' {
  return state === 'preparing' ? 'running' : state;
}

/**
 * The tasks of one job in insertion order (the order listings use), with an id index, live counters for
 * taskcounts and the queue of active tasks the scheduler takes from. A task's position never changes (deleted ones
 * leave a hole), so a position is a stable paging cursor and a listing never copies or sorts the job.
 */
export class TaskTable {
  private readonly slots: (StoredTask | undefined)[] = [];
  private readonly index = new Map<string, number>();
  private readonly activeQueue = new Set<StoredTask>();
  /** Task counts by state, and required slots by state (taskSlotCounts). */
  readonly tally: TaskTally = emptyTally();
  readonly slotTally: TaskTally = emptyTally();
  /** The tasks as JSON array items, kept until a task changes: saving the state re-serializes only changed jobs. */
  private json: string | undefined;

  /** How many positions exist (holes included): the end of a scan. */
  get length(): number {
    return this.slots.length;
  }

  /** How many tasks the job holds. */
  get size(): number {
    return this.index.size;
  }

  /** The task at a position (undefined for a deleted one). */
  at(position: number): StoredTask | undefined {
    return this.slots[position];
  }

  /** A task by id, case-insensitively. */
  get(id: string): StoredTask | undefined {
    const position = this.index.get(id.toLowerCase());
    return position === undefined ? undefined : this.slots[position];
  }

  /** The position of a task by id (its paging cursor). */
  positionOf(id: string): number | undefined {
    return this.index.get(id.toLowerCase());
  }

  /** Appends a task (or replaces one with the same id in place). */
  add(task: StoredTask): void {
    const key = task.id.toLowerCase();
    const existing = this.index.get(key);
    if (existing !== undefined) {
      this.count(this.slots[existing], -1);
      this.slots[existing] = task;
    } else {
      this.index.set(key, this.slots.length);
      this.slots.push(task);
    }
    this.count(task, 1);
  }

  /** Removes a task, leaving a hole at its position. */
  remove(id: string): StoredTask | undefined {
    const key = id.toLowerCase();
    const position = this.index.get(key);
    if (position === undefined) return undefined;
    const task = this.slots[position];
    this.count(task, -1);
    this.slots[position] = undefined;
    this.index.delete(key);
    return task;
  }

  /** Moves the counters (and the active queue) from a task's old state and result to its current ones. */
  recount(task: StoredTask, before: { state: TaskState; result?: string | undefined }): void {
    this.count({ ...task, state: before.state, executionInfo: { ...task.executionInfo, result: before.result } } as StoredTask, -1, task);
    this.count(task, 1);
  }

  /** The tasks as comma-separated JSON (for the state file), cached while nothing changes. */
  serialized(): string {
    this.json ??= [...this.all()].map((task) => JSON.stringify(task)).join(',');
    return this.json;
  }

  /** The active tasks in the order they became active (the scheduler's queue). */
  active(): IterableIterator<StoredTask> {
    return this.activeQueue.values();
  }

  /** Every task, in insertion order. */
  *all(): IterableIterator<StoredTask> {
    for (const task of this.slots) if (task) yield task;
  }

  private count(task: StoredTask | undefined, delta: 1 | -1, live: StoredTask | undefined = task): void {
    if (!task || !live) return;
    this.json = undefined;
    const bucket = bucketOf(task.state);
    const slots = Number(task.spec.requiredSlots ?? 1);
    this.tally[bucket] += delta;
    this.slotTally[bucket] += delta * slots;
    if (bucket === 'completed') {
      const outcome = task.executionInfo?.result === 'failure' ? 'failed' : 'succeeded';
      this.tally[outcome] += delta;
      this.slotTally[outcome] += delta * slots;
    }
    if (task.state === 'active') {
      if (delta > 0) this.activeQueue.add(live);
      else this.activeQueue.delete(live);
    }
  }
}
