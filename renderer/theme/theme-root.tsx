import {
  FluentProvider,
  makeStyles,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { useSettings } from '../features/settings/use-settings';
import { resolveTheme, type ThemeKind } from './resolve-theme';
import { publishTerminalTheme, terminalThemes } from './terminal-theme';
import { useOsAppearance } from './use-os-appearance';

const fluentThemes: Record<ThemeKind, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  highContrast: teamsHighContrastTheme,
};

// No height here: Fluent copies the provider's classes onto every portal node (tooltips, dialogs), and a portal node
// 100% high covered the whole window in white and took every click. The app shell sizes itself (100vh).
const useStyles = makeStyles({
  // Native parts (scroll bars, form controls) follow the theme too; the terminal pane's padding matches xterm.
  light: { colorScheme: 'light', '--batchDeckTerminalBackground': terminalThemes.light.background },
  dark: { colorScheme: 'dark', '--batchDeckTerminalBackground': terminalThemes.dark.background },
  highContrast: { colorScheme: 'dark', '--batchDeckTerminalBackground': terminalThemes.highContrast.background },
});

/** The theme the app draws now: the saved choice resolved against the OS (follows both live). */
export function useThemeKind(): ThemeKind {
  const settings = useSettings();
  return resolveTheme(settings.data?.theme ?? 'system', useOsAppearance());
}

/** Wraps the app in Fluent's provider with the resolved theme, and switches every terminal's colours with it. */
export function ThemeRoot(props: { children: ReactNode }) {
  const kind = useThemeKind();
  const styles = useStyles();
  useEffect(() => publishTerminalTheme(kind), [kind]);
  return (
    <FluentProvider theme={fluentThemes[kind]} className={styles[kind]} data-theme={kind}>
      {props.children}
    </FluentProvider>
  );
}
