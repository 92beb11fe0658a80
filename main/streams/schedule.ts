/** Schedules `run` after `ms`; returns the cancel function. Injected so tests drive time themselves. */
export type Schedule = (run: () => void, ms: number) => () => void;

/** setTimeout as a {@link Schedule}. */
export const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};
