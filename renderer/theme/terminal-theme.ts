import type { ITheme } from '@xterm/xterm';
import type { ThemeKind } from './resolve-theme';

/** ANSI colours readable on a light background (darker yellows and cyans than a dark terminal uses). */
const lightAnsi = {
  black: '#000000',
  red: '#cd3131',
  green: '#107c10',
  yellow: '#8a6a00',
  blue: '#0451a5',
  magenta: '#bc05bc',
  cyan: '#0e7c86',
  white: '#555555',
  brightBlack: '#666666',
  brightRed: '#cd3131',
  brightGreen: '#14ce14',
  brightYellow: '#8a6a00',
  brightBlue: '#0451a5',
  brightMagenta: '#bc05bc',
  brightCyan: '#0e7c86',
  brightWhite: '#a5a5a5',
};

/** The usual dark-terminal ANSI colours. */
const darkAnsi = {
  black: '#000000',
  red: '#f14c4c',
  green: '#23d18b',
  yellow: '#e5e510',
  blue: '#3b8eea',
  magenta: '#d670d6',
  cyan: '#29b8db',
  white: '#cccccc',
  brightBlack: '#808080',
  brightRed: '#f14c4c',
  brightGreen: '#23d18b',
  brightYellow: '#f5f543',
  brightBlue: '#3b8eea',
  brightMagenta: '#d670d6',
  brightCyan: '#29b8db',
  brightWhite: '#ffffff',
};

/**
 * xterm.js colours per theme. Backgrounds are the Fluent theme's neutral backgrounds (webLight #ffffff, webDark's
 * background 2 #1f1f1f, high contrast #000000), so a terminal pane looks like part of the app; high contrast uses pure
 * colours and a yellow cursor as Windows' high-contrast black theme does.
 */
export const terminalThemes: Record<ThemeKind, ITheme> = {
  light: {
    ...lightAnsi,
    background: '#ffffff',
    foreground: '#242424',
    cursor: '#0f6cbd',
    cursorAccent: '#ffffff',
    selectionBackground: '#add6ff',
    selectionForeground: '#000000',
  },
  dark: {
    ...darkAnsi,
    background: '#1f1f1f',
    foreground: '#e6e6e6',
    cursor: '#479ef5',
    cursorAccent: '#1f1f1f',
    selectionBackground: '#264f78',
    selectionForeground: '#ffffff',
  },
  highContrast: {
    ...darkAnsi,
    white: '#ffffff',
    brightBlack: '#c0c0c0',
    background: '#000000',
    foreground: '#ffffff',
    cursor: '#ffff00',
    cursorAccent: '#000000',
    selectionBackground: '#1aebff',
    selectionForeground: '#000000',
  },
};

/** CSS value for the area around a terminal (its padding), the same colour as the terminal's own background. */
export const terminalBackground = 'var(--batchDeckTerminalBackground)';

let current: ITheme = terminalThemes.light;
const listeners = new Set<(theme: ITheme) => void>();

/** The colours every terminal should use now (a new terminal starts with them). */
export function currentTerminalTheme(): ITheme {
  return current;
}

/** Calls `listener` with the new colours each time the app's theme changes; returns the unsubscribe function. */
export function onTerminalThemeChange(listener: (theme: ITheme) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Switches every terminal to the colours of `kind`, live (called by the theme root when the theme resolves anew). */
export function publishTerminalTheme(kind: ThemeKind): void {
  const next = terminalThemes[kind];
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener(next);
}
