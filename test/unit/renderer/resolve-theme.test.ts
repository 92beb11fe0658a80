import { describe, expect, it } from 'vitest';
import { resolveTheme } from '../../../renderer/theme/resolve-theme';
import { terminalThemes } from '../../../renderer/theme/terminal-theme';

describe('resolveTheme', () => {
  it('follows the OS by default: dark mode gives dark, forced colours give high contrast even in dark mode', () => {
    expect(resolveTheme('system', { dark: false, forcedColors: false })).toBe('light');
    expect(resolveTheme('system', { dark: true, forcedColors: false })).toBe('dark');
    expect(resolveTheme('system', { dark: true, forcedColors: true })).toBe('highContrast');
  });

  it('a theme chosen in the settings wins over whatever the OS asks for', () => {
    expect(resolveTheme('light', { dark: true, forcedColors: true })).toBe('light');
    expect(resolveTheme('dark', { dark: false, forcedColors: false })).toBe('dark');
    expect(resolveTheme('highContrast', { dark: false, forcedColors: false })).toBe('highContrast');
  });
});

describe('terminal themes', () => {
  /** WCAG contrast ratio of two `#rrggbb` colours. */
  const contrast = (a: string, b: string): number => {
    const lum = (hex: string) => {
      const [r, g, bl] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
    };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it('every theme keeps text, the cursor and the ANSI colours a shell prints readable on its background', () => {
    for (const [kind, theme] of Object.entries(terminalThemes)) {
      const background = theme.background!;
      expect(contrast(theme.foreground!, background), `${kind} foreground`).toBeGreaterThanOrEqual(7);
      expect(contrast(theme.cursor!, background), `${kind} cursor`).toBeGreaterThanOrEqual(3);
      for (const name of ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan'] as const) {
        expect(contrast(theme[name]!, background), `${kind} ${name}`).toBeGreaterThanOrEqual(3);
      }
    }
  });
});
