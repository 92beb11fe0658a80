import { taskSpecSchema, type TaskSpecInput } from '../../../contract/features/tasks';
import type { TaskDraft } from './task-paste';

/** What the one-task form holds while the user types. */
export interface OneTaskDraft {
  id: string;
  commandLine: string;
  elevated: boolean;
  retries: string;
  maxWallClockMinutes: string;
  /** `NAME=value`, one a line. */
  environment: string;
}

/** An empty one-task form. */
export const emptyOneTask: OneTaskDraft = { id: '', commandLine: '', elevated: false, retries: '', maxWallClockMinutes: '', environment: '' };

/** The form's problems per field (first message each), or the task to send. */
export type OneTaskCheck = { ok: true; task: TaskSpecInput } | { ok: false; errors: Partial<Record<keyof OneTaskDraft, string>> };

/** `NAME=value` lines to settings; a line without `=` is reported by its number. */
export function parseEnvironment(text: string): { name: string; value: string }[] | string {
  const settings: { name: string; value: string }[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const at = line.indexOf('=');
    if (at <= 0) return `Line ${i + 1}: write NAME=value.`;
    settings.push({ name: line.slice(0, at).trim(), value: line.slice(at + 1) });
  }
  return settings;
}

/** Checks the one-task form with the contract's own schema and says per field what to fix. */
export function checkOneTask(draft: OneTaskDraft): OneTaskCheck {
  const errors: Partial<Record<keyof OneTaskDraft, string>> = {};
  const environment = parseEnvironment(draft.environment);
  if (typeof environment === 'string') errors.environment = environment;
  const retries = draft.retries.trim();
  const minutes = draft.maxWallClockMinutes.trim();
  if (retries !== '' && !/^-?\d+$/.test(retries)) errors.retries = 'A whole number from -1 (without limit) to 100.';
  if (minutes !== '' && !/^[1-9]\d*$/.test(minutes)) errors.maxWallClockMinutes = 'Whole minutes, at least 1; leave empty for no limit.';
  const task: TaskSpecInput = {
    id: draft.id.trim(),
    commandLine: draft.commandLine,
    elevation: draft.elevated ? 'admin' : 'nonadmin',
    ...(retries !== '' && !errors.retries ? { maxTaskRetryCount: Number(retries) } : {}),
    ...(minutes !== '' && !errors.maxWallClockMinutes ? { maxWallClockTime: `PT${Number(minutes)}M` } : {}),
    environment: typeof environment === 'string' ? [] : environment,
  };
  const parsed = taskSpecSchema.safeParse(task);
  if (!parsed.success) {
    const field: Record<string, keyof OneTaskDraft> = { id: 'id', commandLine: 'commandLine', maxTaskRetryCount: 'retries', maxWallClockTime: 'maxWallClockMinutes', environment: 'environment' };
    for (const issue of parsed.error.issues) {
      const key = field[String(issue.path[0])];
      if (key && !errors[key]) errors[key] = issue.message;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, task };
}

/** Pasted tasks as the add-collection call takes them; the first task the contract refuses is named. */
export function specsFromPaste(drafts: TaskDraft[]): { ok: true; tasks: TaskSpecInput[] } | { ok: false; error: string } {
  const tasks: TaskSpecInput[] = [];
  for (const [i, d] of drafts.entries()) {
    const spec: TaskSpecInput = { id: d.id, commandLine: d.commandLine, environment: d.environmentSettings ?? [] };
    const parsed = taskSpecSchema.safeParse(spec);
    if (!parsed.success) return { ok: false, error: `Task ${i + 1} (${d.id}): ${parsed.error.issues[0]?.message ?? 'not valid'}` };
    tasks.push(spec);
  }
  return { ok: true, tasks };
}
