import type { ThemeChoice } from '../../contract/features/settings';

/** The theme actually drawn: the user's choice, or for `system` what the OS asks for. */
export type ThemeKind = 'light' | 'dark' | 'highContrast';

/** What the OS reports through CSS media queries (Electron's renderer follows `nativeTheme` the same way). */
export interface OsAppearance {
  /** `prefers-color-scheme: dark`. */
  dark: boolean;
  /** `forced-colors: active` (Windows high contrast and similar). */
  forcedColors: boolean;
}

/** Resolves a theme choice against the OS: forced colours win over dark, an explicit choice wins over both. */
export function resolveTheme(choice: ThemeChoice, os: OsAppearance): ThemeKind {
  if (choice !== 'system') return choice;
  if (os.forcedColors) return 'highContrast';
  return os.dark ? 'dark' : 'light';
}

/** The user-facing name of each choice, in the order the settings offer them. */
export const themeChoiceLabels: Record<ThemeChoice, string> = {
  system: 'Same as the system',
  light: 'Light',
  dark: 'Dark',
  highContrast: 'High contrast',
};
