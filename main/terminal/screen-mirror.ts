import { realSchedule, type Schedule } from '../streams/schedule';
import { controlsOnly, splitCutOff } from './control-sequences';
import { HeadlessTerminal } from './headless-terminal';
import { serializeScreen } from './serialize-screen';

/** Lines of scrollback main keeps per session for a renderer that reloads (the renderer itself keeps more). */
export const mirrorScrollbackLines = 1000;

/** Options of a {@link ScreenMirror}. */
export interface ScreenMirrorOptions {
  scrollback?: number;
  /** Output kept unparsed at most; beyond it the oldest is reduced to its control sequences. */
  backlogChars?: number;
  /** Parses at most this many chars of the backlog per tick while output keeps coming. */
  sliceChars?: number;
  /** Between two slices while output keeps coming. */
  tickMs?: number;
  schedule?: Schedule;
}

type Size = { cols: number; rows: number };

/**
 * A headless xterm that follows everything a session sends to the renderer, so main knows the screen: after a renderer
 * reload it hands out a snapshot instead of replaying an unbounded log. Parsing is lazy so that main does not parse bulk
 * output a second time (the renderer parses it already): output waits in a bounded backlog and is parsed a slice per
 * tick (all at once when output stops, and before a snapshot). When output outruns the slices, the oldest backlog is
 * reduced to its control sequences (modes, colours, cursor moves, alternate screen stay right; its text is scrolled
 * away anyway by the newer output the backlog keeps). Memory is bounded by the scrollback plus the backlog.
 */
export class ScreenMirror {
  private readonly terminal: HeadlessTerminal;
  /** Output not parsed yet, in order, with the resizes between it. */
  private backlog: (string | Size)[] = [];
  private backlogChars = 0;
  private writesSinceTick = 0;
  private cancelTick: (() => void) | undefined;
  private readonly maxBacklog: number;
  private readonly sliceChars: number;
  private readonly tickMs: number;
  private readonly schedule: Schedule;

  constructor(cols: number, rows: number, options: ScreenMirrorOptions = {}) {
    this.terminal = new HeadlessTerminal({ cols, rows, scrollback: options.scrollback ?? mirrorScrollbackLines, allowProposedApi: true });
    this.maxBacklog = options.backlogChars ?? 262_144;
    this.sliceChars = options.sliceChars ?? 16_384;
    this.tickMs = options.tickMs ?? 100;
    this.schedule = options.schedule ?? realSchedule;
  }

  /** Chars waiting to be parsed (for tests and benchmarks). */
  get unparsedChars(): number {
    return this.backlogChars;
  }

  /** Takes output in stream order. */
  write(text: string): void {
    if (text.length === 0) return;
    this.backlog.push(text);
    this.backlogChars += text.length;
    this.writesSinceTick += 1;
    while (this.backlogChars > this.maxBacklog && this.backlog.length > 1) this.skimOldest();
    this.cancelTick ??= this.schedule(() => this.tick(), this.tickMs);
  }

  /** Follows the pane's size (in stream order) so soft wraps match the renderer's. */
  resize(cols: number, rows: number): void {
    this.backlog.push({ cols, rows });
  }

  /** The screen after everything written so far was parsed (later writes are not included). */
  snapshot(): Promise<string> {
    while (this.backlog.length > 0 && this.parseNext(Number.POSITIVE_INFINITY)) {
      // Parses the whole backlog (a cut-off sequence at its end waits for the rest).
    }
    return new Promise((resolve) => this.terminal.write('', () => resolve(serializeScreen(this.terminal))));
  }

  /** Frees the parser and buffers. */
  dispose(): void {
    this.cancelTick?.();
    this.backlog = [];
    this.backlogChars = 0;
    this.terminal.dispose();
  }

  /** One slice (output is still coming) or everything (it stopped since the last tick), then again later if need be. */
  private tick(): void {
    this.cancelTick = undefined;
    const idle = this.writesSinceTick === 0;
    this.writesSinceTick = 0;
    let budget = idle ? Number.POSITIVE_INFINITY : this.sliceChars;
    while (budget > 0 && this.backlog.length > 0) {
      const before = this.backlogChars;
      if (!this.parseNext(budget)) break;
      budget -= before - this.backlogChars;
    }
    if (this.backlogChars > 0 && !idle) this.cancelTick = this.schedule(() => this.tick(), this.tickMs);
  }

  /** Parses up to `budget` chars from the front of the backlog; false when nothing could be (a lone cut-off sequence). */
  private parseNext(budget: number): boolean {
    const item = this.backlog[0];
    if (item === undefined) return false;
    if (typeof item !== 'string') {
      this.backlog.shift();
      this.applySize(item);
      return true;
    }
    const piece = item.length > budget ? item.slice(0, budget) : item;
    const { head } = splitCutOff(piece);
    if (head.length === 0 && piece === item) {
      // The entry is one unfinished sequence: wait for the rest, or join it to the next entry that continues it.
      if (typeof this.backlog[1] !== 'string') return false;
      this.backlog.shift();
      this.backlog[0] = item + (this.backlog[0] as string);
      return true;
    }
    // A piece that is one long unfinished sequence is parsed as it is (xterm keeps its state across writes).
    const parsed = head.length > 0 ? head : piece;
    this.terminal.write(parsed);
    this.backlogChars -= parsed.length;
    const left = item.slice(parsed.length);
    if (left.length === 0) this.backlog.shift();
    else this.backlog[0] = left;
    return true;
  }

  /** Reduces the oldest backlog entry to its control sequences and feeds those to the terminal. */
  private skimOldest(): void {
    const item = this.backlog.shift() as string | Size;
    if (typeof item !== 'string') return this.applySize(item);
    const { head, rest } = controlsOnly(item);
    if (head.length > 0) this.terminal.write(head);
    const next = this.backlog[0];
    const keep = rest.length > 0 && typeof next === 'string';
    this.backlogChars -= keep ? item.length - rest.length : item.length;
    if (keep) this.backlog[0] = rest + next;
    // A resize cuts in: xterm keeps the unfinished sequence's state across it.
    else if (rest.length > 0) this.terminal.write(rest);
  }

  /** Resizes once what was written before has been parsed (xterm parses writes later, resizes at once). */
  private applySize(size: Size): void {
    this.terminal.write('', () => this.terminal.resize(size.cols, size.rows));
  }
}
