/** One task as the add-tasks form sends it. */
export interface TaskDraft {
  id: string;
  commandLine: string;
  environmentSettings?: { name: string; value: string }[];
}

/** What a paste turned into: the tasks, or the first problem with its line so nothing is sent half-read. */
export type PasteResult = { ok: true; tasks: TaskDraft[] } | { ok: false; error: string };

/** The service's task id rule: letters, digits, hyphens and underscores, at most 64 characters. */
export const taskIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids `prefix-1`, `prefix-2`, … padded so they sort in order (`task-001` … `task-120`). */
function numberedId(prefix: string, index: number, total: number): string {
  return `${prefix}-${String(index + 1).padStart(String(total).length, '0')}`;
}

/** Splits one CSV line on commas outside double quotes; `""` inside quotes is a quote. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"' && (quoted || cell === '')) quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function fromJson(text: string, prefix: string): PasteResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The JSON does not parse: ${(error as Error).message}. Paste an array of command lines or of {"id", "commandLine"} objects.` };
  }
  if (!Array.isArray(value)) return { ok: false, error: 'The JSON is not an array: paste [ "cmd 1", "cmd 2" ] or [ {"id": "t1", "commandLine": "…"} ].' };
  const tasks: TaskDraft[] = [];
  for (const [i, entry] of value.entries()) {
    if (typeof entry === 'string') tasks.push({ id: numberedId(prefix, i, value.length), commandLine: entry });
    else if (entry && typeof entry === 'object' && typeof (entry as { commandLine?: unknown }).commandLine === 'string') {
      const e = entry as { id?: unknown; commandLine: string; environmentSettings?: unknown };
      const env = Array.isArray(e.environmentSettings) ? (e.environmentSettings as { name: string; value: string }[]) : undefined;
      tasks.push({ id: typeof e.id === 'string' ? e.id : numberedId(prefix, i, value.length), commandLine: e.commandLine, ...(env ? { environmentSettings: env } : {}) });
    } else return { ok: false, error: `Entry ${i + 1} has no "commandLine" string.` };
  }
  return { ok: true, tasks };
}

function fromCsv(text: string, prefix: string): PasteResult {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const rows = lines.map(splitCsvLine);
  const header = rows[0]?.map((c) => c.trim().toLowerCase());
  const hasHeader = header?.includes('commandline') ?? false;
  const body = hasHeader ? rows.slice(1) : rows;
  const idAt = hasHeader ? (header as string[]).indexOf('id') : -1;
  const cmdAt = hasHeader ? (header as string[]).indexOf('commandline') : -1;
  const tasks = body.map((cells, i): TaskDraft => {
    // Without a header, each line is one command line, commas included (a shell line often has them).
    const commandLine = cmdAt >= 0 ? (cells[cmdAt] ?? '') : (lines[i] as string);
    const id = idAt >= 0 && cells[idAt] ? (cells[idAt] as string).trim() : numberedId(prefix, i, body.length);
    return { id, commandLine: commandLine.trim() };
  });
  return { ok: true, tasks };
}

/**
 * Reads pasted tasks: a JSON array (of command lines or of `{id, commandLine, environmentSettings}`), else CSV with an
 * `id,commandLine` header, else one command line per line. Ids that break the service's rule, duplicates and empty
 * command lines are refused with the line that has them, so nothing is sent half-read.
 */
export function parsePastedTasks(text: string, prefix = 'task'): PasteResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Paste at least one command line.' };
  const parsed = trimmed.startsWith('[') ? fromJson(trimmed, prefix) : fromCsv(trimmed, prefix);
  if (!parsed.ok) return parsed;
  const seen = new Set<string>();
  for (const [i, task] of parsed.tasks.entries()) {
    if (!taskIdPattern.test(task.id)) return { ok: false, error: `Task ${i + 1}: id "${task.id}" may use only letters, digits, - and _ (at most 64).` };
    const key = task.id.toLowerCase();
    if (seen.has(key)) return { ok: false, error: `Task ${i + 1}: id "${task.id}" appears twice (ids are case-insensitive).` };
    seen.add(key);
    if (task.commandLine === '') return { ok: false, error: `Task ${i + 1} (${task.id}) has an empty command line.` };
  }
  return parsed;
}
