import { expect, test, type Locator, type Page } from '@playwright/test';
import { terminalThemes } from '../../renderer/theme/terminal-theme';
import { startWebHostProcess, type WebHostProcess } from '../helpers/web-host-process';
import { contractCall } from './contract-call';
import { openLocalShell, withoutWebgl } from './terminal-page';

let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});

test.afterAll(async () => {
  await host.stop();
});

/** Relative luminance (WCAG) of a CSS `rgb(…)`/`rgba(…)` colour: 0 is black, 1 is white. */
function luminance(css: string): number {
  const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** `#rrggbb` as the `rgb(r, g, b)` getComputedStyle reports. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** The background colour of an element as the browser computed it. */
function background(locator: Locator): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).backgroundColor);
}

/** The app shell: the element the theme provider paints, with the navigation and pages inside it. */
function shell(page: Page): Locator {
  return page.locator('[data-theme]').first();
}

/** Opens the Terminals page with a local shell; returns the element xterm paints with its theme background. */
async function openShell(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Terminals' }).click();
  await openLocalShell(page);
  const viewport = page.getByTestId('terminal-pane').first().locator('.xterm-scrollable-element');
  await expect(viewport).toBeVisible();
  return viewport;
}

/** Picks a theme in the Settings dialog and saves it, as a user does. */
async function chooseTheme(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('combobox', { name: 'Theme' }).click();
  await page.getByRole('option', { name: label }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('with the OS in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test.afterEach(async ({ page }) => {
    expect((await contractCall(page, 'settings:update', { theme: 'system' })).ok).toBe(true);
  });

  test('the app renders dark and a local shell uses the dark terminal colours', async ({ page }) => {
    await withoutWebgl(page);
    await page.goto(host.url);
    await expect(shell(page)).toHaveAttribute('data-theme', 'dark');
    expect(luminance(await background(shell(page)))).toBeLessThan(0.05);
    expect(luminance(await background(page.getByRole('navigation', { name: 'Main' })))).toBeLessThan(0.05);
    const viewport = await openShell(page);
    await expect.poll(() => background(viewport)).toBe(rgb(terminalThemes.dark.background!));
    await page.screenshot({ path: 'test-results/theme-dark.png' });
  });

  test('choosing Light in the settings overrides the OS, live, terminal included', async ({ page }) => {
    await withoutWebgl(page);
    await page.goto(host.url);
    const viewport = await openShell(page);
    await expect.poll(() => background(viewport)).toBe(rgb(terminalThemes.dark.background!));
    await chooseTheme(page, 'Light');
    await expect(shell(page)).toHaveAttribute('data-theme', 'light');
    expect(luminance(await background(shell(page)))).toBeGreaterThan(0.9);
    await expect.poll(() => background(viewport)).toBe(rgb(terminalThemes.light.background!));
    await page.reload();
    await expect(shell(page)).toHaveAttribute('data-theme', 'light');
  });
});

/** Outline, border and shadow paint of an element and its ::after, '' where there is none. */
function ringOf(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) =>
    [getComputedStyle(element), getComputedStyle(element, '::after')].flatMap((s) => [
      s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) > 0 ? `outline ${s.outlineWidth} ${s.outlineColor}` : '',
      s.borderStyle !== 'none' && Number.parseFloat(s.borderTopWidth) > 0 ? `border ${s.borderTopWidth} ${s.borderTopColor}` : '',
      s.boxShadow === 'none' ? '' : `shadow ${s.boxShadow}`,
    ]),
  );
}

test.describe('with forced colours (Windows high contrast)', () => {
  test.use({ forcedColors: 'active' });

  test('the app switches to high contrast and a button focused from the keyboard shows a visible focus ring', async ({ page }) => {
    await page.goto(host.url);
    await expect(shell(page)).toHaveAttribute('data-theme', 'highContrast');
    const settings = page.getByRole('button', { name: 'Settings' });
    await settings.focus();
    // Fluent draws its focus ring for keyboard focus only: move away and back with the keyboard.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(settings).toBeFocused();
    const focused = await ringOf(settings);
    await settings.evaluate((element) => (element as HTMLElement).blur());
    const unfocused = await ringOf(settings);
    // What keyboard focus adds (outline, border or shadow on the button or its ::after) must be a colour one can see.
    const added = focused.filter((paint, i) => paint !== unfocused[i] && paint !== '' && !/rgba\(0, 0, 0, 0\)|transparent/.test(paint));
    expect(added, JSON.stringify({ focused, unfocused })).not.toHaveLength(0);
    // …and stand out from the page (WCAG's 3:1 for focus indicators) in the colours the OS forced.
    const canvas = luminance(await background(shell(page)));
    const ring = luminance(added[0]!.replace(/^\S+ [\d.]+px /, ''));
    expect((Math.max(canvas, ring) + 0.05) / (Math.min(canvas, ring) + 0.05), added[0]).toBeGreaterThanOrEqual(3);
  });
});
