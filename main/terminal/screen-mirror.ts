import { HeadlessTerminal } from './headless-terminal';
import { serializeScreen } from './serialize-screen';

/** Lines of scrollback main keeps per session for a renderer that reloads (the renderer itself keeps more). */
export const mirrorScrollbackLines = 1000;

/**
 * A headless xterm that parses everything a session sends to the renderer, so main always knows the screen: after a
 * renderer reload it hands out a snapshot instead of replaying an unbounded log. Memory is bounded by the scrollback.
 */
export class ScreenMirror {
  private readonly terminal: HeadlessTerminal;

  constructor(cols: number, rows: number, scrollback = mirrorScrollbackLines) {
    this.terminal = new HeadlessTerminal({ cols, rows, scrollback, allowProposedApi: true });
  }

  /** Feeds output in stream order. */
  write(text: string): void {
    this.terminal.write(text);
  }

  /** Follows the pane's size so soft wraps match the renderer's. */
  resize(cols: number, rows: number): void {
    this.terminal.resize(cols, rows);
  }

  /** The screen after everything written so far was parsed (later writes are not included). */
  snapshot(): Promise<string> {
    return new Promise((resolve) => this.terminal.write('', () => resolve(serializeScreen(this.terminal))));
  }

  /** Frees the parser and buffers. */
  dispose(): void {
    this.terminal.dispose();
  }
}
