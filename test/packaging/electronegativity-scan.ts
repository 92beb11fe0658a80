import { transform } from 'esbuild';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { repoRoot } from './pack-app';

/** One Electronegativity finding, as the test reports it. */
export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  manualReview: boolean;
  file: string;
  line: number;
  sample: string;
  description: string;
}

/** An inline `eng-disable` comment in our sources: which checks it silences on its line, and why. */
export interface Suppression {
  file: string;
  line: number;
  checks: string[];
  reason: string;
}

interface RawIssue {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
  file: string;
  location: { line: number };
  sample?: string;
  description: string;
}

type Runner = (options: Record<string, unknown>) => Promise<{ issues: RawIssue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;

const requireHere = createRequire(join(repoRoot, 'package.json'));

/** Electronegativity's runner, kept offline: its `got` calls (translations, Electron's release list) fail at once. */
function offlineRunner(): Runner {
  const runnerPath = requireHere.resolve('@doyensec/electronegativity');
  const gotPath = createRequire(runnerPath).resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('network is off in tests')), {
    head: () => Promise.reject(new Error('network is off in tests')),
  });
  requireHere.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;
  return requireHere(runnerPath) as Runner;
}

/** The Electron version the app is built with (from the installed electron package, which has no binary here). */
export function electronVersion(): string {
  return (requireHere('electron/package.json') as { version: string }).version;
}

/**
 * Runs every Electronegativity check on `input` but AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which downloads Electron's
 * release list (keeping Electron current is the dependency updates' job). Inline suppressions are honoured.
 */
export async function scan(input: string): Promise<{ findings: Finding[]; parseErrors: string[] }> {
  const result = await offlineRunner()({
    input,
    electronVersionOverride: electronVersion(),
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
  });
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    manualReview: issue.manualReview,
    file: issue.file,
    line: issue.location.line,
    sample: String(issue.sample ?? '').slice(0, 200),
    description: issue.description,
  }));
  const parseErrors = result.errors.filter((error) => !error.tolerable).map((error) => `${error.file}: ${error.message}`);
  return { findings, parseErrors };
}

/** Lists files under `dir` (recursively) whose names end with one of `extensions`. */
async function filesUnder(dir: string, extensions: string[]): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Copies the built app into `dir` and lowers its JavaScript to ES2021: Electronegativity's AST walker predates
 * ES2022 and skips a whole file at the first class static block (as in the renderer bundle). Same code, older syntax.
 */
export async function copyBuiltApp(dir: string): Promise<void> {
  for (const part of ['main', 'preload', 'renderer']) await cp(join(repoRoot, 'out', part), join(dir, part), { recursive: true });
  for (const file of await filesUnder(dir, ['.js'])) {
    const lowered = await transform(await readFile(file, 'utf8'), { target: 'es2021', loader: 'js' });
    await writeFile(file, lowered.code);
  }
}

/** The Electron-side sources: where windows are made (hidden from the checks in the bundle) and suppressions live. */
export const electronSources = ['main/electron', 'preload', 'renderer/index.html'];

/** Copies the Electron-side sources into `dir`, keeping their paths. */
export async function copyElectronSources(dir: string): Promise<void> {
  for (const path of electronSources) await cp(join(repoRoot, path), join(dir, path), { recursive: true });
}

/** Everything the built main, preload and renderer are made from, where a suppression for the bundle may live. */
const bundledSources = ['main', 'preload', 'renderer'];

/** Every `eng-disable` comment in the app's sources, with the checks it names and the reason after them. */
export async function findSuppressions(): Promise<Suppression[]> {
  const found: Suppression[] = [];
  for (const path of bundledSources) {
    for (const file of await filesUnder(join(repoRoot, path), ['.ts', '.tsx', '.html'])) {
      (await readFile(file, 'utf8')).split('\n').forEach((text, index) => {
        const match = /eng-disable\s+((?:[A-Z][A-Z0-9_]*_CHECK\b[\s,]*)+)(.*)$/.exec(text);
        if (!match) return;
        const reason = match[2]!.replace(/(\*\/|-->).*$/, '').replace(/^[\s:—-]+/, '').trim();
        found.push({ file: relative(repoRoot, file), line: index + 1, checks: match[1]!.split(/[\s,]+/).filter(Boolean), reason });
      });
    }
  }
  return found;
}
