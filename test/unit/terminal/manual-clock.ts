import type { Schedule } from '../../../main/streams/schedule';

/** A hand-driven clock for a {@link Schedule}: `tick()` runs what is due, `pending()` counts what waits. */
export function manualClock(): { schedule: Schedule; tick(): void; pending(): number } {
  let tasks: (() => void)[] = [];
  return {
    schedule: (run) => {
      tasks.push(run);
      return () => (tasks = tasks.filter((task) => task !== run));
    },
    tick: () => {
      const due = tasks;
      tasks = [];
      for (const run of due) run();
    },
    pending: () => tasks.length,
  };
}
