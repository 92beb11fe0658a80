import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { ParsedOutputAcks } from '../../../contract/terminal-acks';
import { isPaletteShortcut } from '../../components/palette-shortcut';
import { currentTerminalTheme, onTerminalThemeChange } from '../../theme/terminal-theme';

/** How a handle talks to main (through the registry, which owns the contract calls). */
export interface HandleChannel {
  input(data: string): void;
  ack(chars: number): void;
  resize(cols: number, rows: number): void;
}

/** Options the user controls in settings. */
export interface HandleOptions {
  fontSize: number;
  copyOnSelect: boolean;
}

/**
 * One session's xterm.js, alive as long as the session (not as long as a React component): it keeps parsing and
 * acknowledging output while its tab is hidden, and moves between panes by re-parenting its element. WebGL renders
 * while the session is visible (at most 4 contexts) and falls back to the DOM renderer if the context is lost.
 */
export class TerminalHandle {
  readonly terminal: Terminal;
  readonly search = new SearchAddon();
  readonly element = document.createElement('div');
  /** Called on Ctrl+Shift+F (the pane showing this session opens its search box). */
  onFindRequested: (() => void) | undefined;
  /** Which renderer draws it now, for the UI and tests. */
  renderer: 'webgl' | 'dom' = 'dom';
  private readonly fit = new FitAddon();
  private webgl: WebglAddon | undefined;
  private opened = false;
  private readonly acks: ParsedOutputAcks;
  private minSeq = 0;
  private copyOnSelect: boolean;
  /** Stops following the app's theme (the terminal's colours switch live with it until then). */
  private readonly stopTheme = onTerminalThemeChange((theme) => (this.terminal.options.theme = theme));

  constructor(
    readonly sessionId: string,
    private readonly channel: HandleChannel,
    options: HandleOptions,
  ) {
    this.copyOnSelect = options.copyOnSelect;
    this.acks = new ParsedOutputAcks((chars) => this.channel.ack(chars));
    this.element.style.cssText = 'width:100%;height:100%';
    this.element.dataset.sessionId = sessionId;
    this.terminal = new Terminal({
      fontSize: options.fontSize,
      fontFamily: 'Cascadia Mono, Consolas, "DejaVu Sans Mono", monospace',
      // At exactly 1.0 the DOM renderer clips underscores in several monospace fonts (node ids are full of them).
      lineHeight: 1.1,
      scrollback: 5000,
      allowProposedApi: true,
      cursorBlink: true,
      theme: currentTerminalTheme(),
    });
    this.terminal.loadAddon(this.fit);
    this.terminal.loadAddon(this.search);
    this.terminal.loadAddon(new WebLinksAddon((_event, uri) => openLink(uri)));
    this.terminal.onData((data) => this.channel.input(data));
    this.terminal.onBinary((data) => this.channel.input(data));
    this.terminal.onResize(({ cols, rows }) => this.channel.resize(cols, rows));
    this.terminal.attachCustomKeyEventHandler((event) => this.shortcut(event));
    this.terminal.onSelectionChange(() => {
      if (this.copyOnSelect && this.terminal.hasSelection()) copyText(this.terminal.getSelection());
    });
  }

  /** Writes output in stream order; chunks a restored screen already covers are dropped. Acks after parsing. */
  write(data: string, seq: number): void {
    if (seq < this.minSeq) return;
    this.terminal.write(data, () => this.acks.parsedChars(data.length));
  }

  /** Replaces the screen with a snapshot from main (after a reload), taken at `size`; output before `seq` is in it. */
  restore(screen: string, seq: number, size: { cols: number; rows: number }): void {
    // The snapshot's line breaks and cursor position assume main's size; the pane fits it afterwards.
    this.terminal.resize(size.cols, size.rows);
    this.terminal.reset();
    this.minSeq = seq;
    this.acks.reset();
    this.terminal.write(screen);
  }

  /** Shows the terminal inside `container` (a pane) and sizes it to fit. */
  attach(container: HTMLElement): void {
    container.appendChild(this.element);
    if (!this.opened) {
      this.terminal.open(this.element);
      this.opened = true;
    }
    this.enableWebgl();
    this.fitToPane();
  }

  /** Takes the terminal out of its pane; it keeps parsing output. */
  detach(): void {
    this.element.remove();
    this.webgl?.dispose();
    this.webgl = undefined;
    this.setRenderer('dom');
  }

  /** Resizes to the pane; a pane with no size (hidden, collapsed) is ignored rather than sent as NaN or 0. */
  fitToPane(): void {
    if (!this.opened || !this.element.isConnected) return;
    const size = this.fit.proposeDimensions();
    if (!size || !Number.isFinite(size.cols) || !Number.isFinite(size.rows) || size.cols < 1 || size.rows < 1) return;
    if (size.cols !== this.terminal.cols || size.rows !== this.terminal.rows) this.terminal.resize(size.cols, size.rows);
  }

  /** Applies changed settings. */
  configure(options: HandleOptions): void {
    this.copyOnSelect = options.copyOnSelect;
    if (this.terminal.options.fontSize !== options.fontSize) {
      this.terminal.options.fontSize = options.fontSize;
      this.fitToPane();
    }
  }

  focus(): void {
    this.terminal.focus();
  }

  dispose(): void {
    this.stopTheme();
    this.detach();
    this.terminal.dispose();
  }

  /** Ctrl+K opens the palette, Ctrl+Shift+F searches, Ctrl+Shift+C copies; everything else goes to the shell (false = xterm ignores it). */
  private shortcut(event: KeyboardEvent): boolean {
    // Ctrl+K is the app's command palette: xterm leaves the key alone so it reaches the window's listener.
    if (isPaletteShortcut(event)) return false;
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    const key = event.key.toLowerCase();
    if (key === 'f') {
      event.preventDefault();
      this.onFindRequested?.();
      return false;
    }
    if (key === 'c' && this.terminal.hasSelection()) {
      event.preventDefault();
      copyText(this.terminal.getSelection());
      return false;
    }
    return true;
  }

  private enableWebgl(): void {
    if (this.webgl) return;
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        // The GPU went away (driver reset, too many contexts): xterm falls back to its DOM renderer.
        webgl.dispose();
        if (this.webgl === webgl) this.webgl = undefined;
        this.setRenderer('dom');
      });
      this.terminal.loadAddon(webgl);
      this.webgl = webgl;
      this.setRenderer('webgl');
    } catch {
      // No WebGL2 here (e.g. a browser started with --disable-gpu): the DOM renderer draws instead.
      this.setRenderer('dom');
    }
  }

  private setRenderer(renderer: 'webgl' | 'dom'): void {
    this.renderer = renderer;
    this.element.dataset.renderer = renderer;
  }
}

/** Opens a link the user clicked in the OS browser (Electron) or a new tab (web host); only http(s). */
function openLink(uri: string): void {
  if (/^https?:\/\//i.test(uri)) window.open(uri, '_blank', 'noopener,noreferrer');
}

/** Copies text; falls back to execCommand where the async clipboard is refused (no permission). */
function copyText(text: string): void {
  void navigator.clipboard?.writeText(text).catch(() => {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  });
}
