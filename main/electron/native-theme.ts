import { nativeTheme } from 'electron';
import type { ThemeChoice } from '../../contract/features/settings';
import type { SettingsService } from '../settings/settings-service';

/**
 * What Electron's native UI (title bar, menus, scroll bars) and the renderer's `prefers-color-scheme` follow for a
 * theme choice. High contrast draws on black, so it asks for dark; forced colours themselves stay with the OS.
 * https://www.electronjs.org/docs/latest/api/native-theme#nativethemethemesource
 */
export function themeSourceFor(choice: ThemeChoice): 'system' | 'light' | 'dark' {
  return choice === 'highContrast' ? 'dark' : choice;
}

/** Applies the saved theme to `nativeTheme` now and after every settings change. */
export async function followThemeSetting(settings: SettingsService): Promise<void> {
  nativeTheme.themeSource = themeSourceFor((await settings.get()).theme);
  settings.onChange((next) => {
    nativeTheme.themeSource = themeSourceFor(next.theme);
  });
}
