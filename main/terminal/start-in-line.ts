import type { StartIn } from '../../contract/features/terminal';

/** A value in POSIX single quotes: nothing inside is expanded; a `'` becomes `'\''`. */
export function singleQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The one line a new node shell gets after its first connect to start in a folder with variables exported. It begins
 * with a space, so shells that ignore such lines (bash's HISTCONTROL=ignorespace/ignoreboth) keep it out of history;
 * every value is single-quoted; `clear` runs only when `cd` and `export` worked, so a failure stays on screen.
 * The schema (startInSchema) already refused control characters, so the line cannot run anything else.
 */
export function startInLine(startIn: StartIn): string {
  const exports = startIn.environment.map((e) => `${e.name}=${singleQuote(e.value)}`);
  const steps = [`cd -- ${singleQuote(startIn.directory)}`, ...(exports.length ? [`export ${exports.join(' ')}`] : []), 'clear'];
  return ` ${steps.join(' && ')}\r`;
}
