/**
 * Finds the control sequences in terminal output (ECMA-48 as xterm.js parses them) without interpreting any text, so
 * output can be reduced to what changes a terminal's modes, colours and cursor — orders of magnitude cheaper than
 * parsing it. Not recognised: 8-bit C1 controls and C0 controls inside a sequence (both rare in UTF-8 output).
 */

/* eslint-disable no-control-regex -- these patterns are about control characters. */

/** A whole sequence at the current position: CSI, OSC (BEL or ST ended), DCS/SOS/PM/APC (ST ended), a plain ESC one, or SO/SI. */
const whole = /\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[\x20-\x2f]+[\x30-\x7e]|[\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x7e])|[\x0e\x0f]/y;
/** The start of a sequence that the end of the text cuts off. */
const cutOff = /\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*|\][^\x07\x1b]*\x1b?|[PX^_][^\x1b]*\x1b?|[\x20-\x2f]*)$/y;
/* eslint-enable no-control-regex */
/** The chars that may start a sequence: ESC, SO, SI. */
const startChars = ['\x1b', '\x0e', '\x0f'] as const;

/** An unterminated sequence longer than this is not held back (a stray ESC P in binary output must not grow forever). */
export const maxHeldBackChars = 65_536;

/** Text split into what can be parsed now and the cut-off sequence at its end (to be completed by the next chunk). */
export interface SplitText {
  /** The control sequences only (for `controlsOnly`) or the text up to the cut-off sequence (for `splitCutOff`). */
  head: string;
  /** An unfinished sequence at the end, or ''. */
  rest: string;
}

/** The control sequences of `text`, in order, and its cut-off end; printable text and plain C0 controls are dropped. */
export function controlsOnly(text: string): SplitText {
  let head = '';
  const nextStart = startFinder(text);
  for (let at = nextStart(0); at >= 0; ) {
    whole.lastIndex = at;
    const match = whole.exec(text);
    if (match) {
      head += match[0];
      at = nextStart(whole.lastIndex);
      continue;
    }
    if (isCutOff(text, at)) return { head, rest: text.slice(at) };
    // A malformed sequence: xterm would drop it too.
    at = nextStart(at + 1);
  }
  return { head, rest: '' };
}

/**
 * Where the next char that may start a sequence is, from a position on (-1: none). One `indexOf` per kind of char,
 * remembered until passed: bulk text with no escapes costs three fast scans (a regex char class scanned it ~5x slower,
 * a tenth of main's CPU while a terminal streamed base64).
 */
function startFinder(text: string): (from: number) => number {
  const next = startChars.map(() => Number.NEGATIVE_INFINITY);
  return (from) => {
    let best = -1;
    for (let k = 0; k < startChars.length; k += 1) {
      let at = next[k] as number;
      if (at !== -1 && at < from) next[k] = at = text.indexOf(startChars[k] as string, from);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  };
}

/** `text` with an unfinished sequence at its end split off. */
export function splitCutOff(text: string): SplitText {
  const at = text.lastIndexOf('\x1b');
  if (at < 0 || !isCutOff(text, at)) return { head: text, rest: '' };
  const opener = openerOf(text, at);
  return { head: text.slice(0, opener), rest: text.slice(opener) };
}

/** True when a sequence starts at `at` and runs to the end of `text` unfinished (and is short enough to hold back). */
function isCutOff(text: string, at: number): boolean {
  if (text.length - at > maxHeldBackChars) return false;
  cutOff.lastIndex = at;
  return cutOff.test(text);
}

/** Where the unfinished sequence containing the ESC at `at` begins: an OSC/DCS opener just before, or `at`. */
function openerOf(text: string, at: number): number {
  if (at !== text.length - 1) return at;
  // A lone ESC at the very end may be the first half of an ST closing a string opened earlier.
  const before = text.lastIndexOf('\x1b', at - 1);
  if (before >= 0 && /[\]PX^_]/.test(text[before + 1] ?? '') && isCutOff(text, before)) return before;
  return at;
}
