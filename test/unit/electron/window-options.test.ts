import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/security/csp';
import { appOrigin, isAppUrl, isExternalLinkAllowed, windowOptions } from '../../../main/electron/window-options';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** Parses a CSP into directive → sources, so two policies compare regardless of spacing. */
function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    parsed.set(name!, sources);
  }
  return parsed;
}

/** Every TypeScript file under a folder of the repository. */
function sourcesUnder(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the Batch Deck window', () => {
  it.each([false, true])('is isolated, sandboxed and without Node in the renderer (development: %s)', (isDevelopment) => {
    const { webPreferences } = windowOptions('/app/out/preload/index.js', isDevelopment);
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(webPreferences?.enableBlinkFeatures ?? '').toBe('');
    expect(webPreferences?.disableBlinkFeatures).toContain('Auxclick');
    expect(webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('offers DevTools only in development', () => {
    expect(windowOptions('p.js', false).webPreferences?.devTools).toBe(false);
    expect(windowOptions('p.js', true).webPreferences?.devTools).toBe(true);
  });

  it('is the only kind of window: no other code in main/ opens a BrowserWindow or uses @electron/remote', () => {
    const makers = sourcesUnder('main').filter((file) => /new\s+BrowserWindow\s*\(|BrowserView|WebContentsView/.test(readFileSync(file, 'utf8')));
    expect(makers.map((file) => relative(repoRoot, file))).toEqual(['main/electron/window.ts']);
    const remote = [...sourcesUnder('main'), ...sourcesUnder('preload'), ...sourcesUnder('renderer')].filter((file) =>
      readFileSync(file, 'utf8').includes('@electron/remote'),
    );
    expect(remote).toEqual([]);
  });
});

describe('which URLs count as the app', () => {
  it.each([`${appOrigin}/index.html`, `${appOrigin}/`, `${appOrigin}/assets/index.js?x=1#top`])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'https://batch-deck/index.html',
    'file:///index.html',
    'app://evil/index.html',
    'app://batch-deck.evil.example/index.html',
    'app://user@batch-deck/index.html',
    'app://batch-deck:8080/index.html',
    'http://127.0.0.1:5173/',
    'about:blank',
    'not a url',
    '',
    undefined,
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('hands only https links to the OS browser', () => {
    expect(isExternalLinkAllowed('https://learn.microsoft.com/azure/batch/')).toBe(true);
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'nonsense']) {
      expect(isExternalLinkAllowed(url), url).toBe(false);
    }
  });
});

describe('the Content-Security-Policy', () => {
  const policy = directives(contentSecurityPolicy);

  it("allows only the app's own scripts: default-src 'self', no eval, no inline script, no plugins, no framing", () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).not.toContain('wasm-unsafe-eval');
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    for (const [name, sources] of policy) expect(sources, name).not.toContain('*');
  });

  it('is the same in the page itself (renderer/index.html), less frame-ancestors, which a meta tag cannot carry', () => {
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'renderer/index.html has no CSP meta tag').not.toBeNull();
    const expected = new Map(policy);
    expected.delete('frame-ancestors');
    expect(directives(meta![1]!)).toEqual(expected);
  });
});
