import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBuiltApp, copyElectronSources, findSuppressions, scan, type Finding, type Suppression } from './electronegativity-scan';
import { buildApp } from './pack-app';

// Electronegativity (Doyensec's Electron security linter) over what ships and over the sources it cannot see through
// the bundle: esbuild turns `new BrowserWindow(…)` into `new import_electron.BrowserWindow(…)`, which its window checks
// do not recognise, and drops comments, so inline suppressions only exist in the sources. docs/security.md explains.
const blocking = (finding: Finding): boolean => finding.severity === 'HIGH' || finding.severity === 'MEDIUM' || finding.manualReview;
const describeFinding = (f: Finding): string => `${f.id} ${f.severity}${f.manualReview ? ' (manual review)' : ''} at ${f.file}:${f.line}: ${f.sample}`;

let work: string;
let suppressions: Suppression[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'batch-deck-eng-'));
  buildApp();
  await copyBuiltApp(join(work, 'built'));
  await copyElectronSources(join(work, 'sources'));
  suppressions = await findSuppressions();
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('Electronegativity', () => {
  it('finds nothing to fix or review in the Electron sources once the inline, reasoned suppressions apply', async () => {
    const { findings, parseErrors } = await scan(join(work, 'sources'));
    expect(parseErrors, 'Electronegativity could not read these files, so it checked nothing in them').toEqual([]);
    expect(findings.filter(blocking).map(describeFinding)).toEqual([]);
  });

  it('finds no HIGH or MEDIUM issue in the built main, preload and renderer that a source suppression does not explain', async () => {
    const { findings, parseErrors } = await scan(join(work, 'built'));
    expect(parseErrors, 'Electronegativity could not read these files, so it checked nothing in them').toEqual([]);
    // A bundle has no comments, so each manual-review finding in it must match an eng-disable in the sources: one
    // bundle may hold each suppressed line once (a line shared by main and the web host shows up in both bundles).
    const suppressedCount = (id: string): number => suppressions.filter((s) => s.checks.includes(id)).length;
    const used = new Map<string, number>();
    const unexplained = findings.filter(blocking).filter((finding) => {
      if (!finding.manualReview) return true;
      const key = `${finding.file} ${finding.id}`;
      used.set(key, (used.get(key) ?? 0) + 1);
      return used.get(key)! > suppressedCount(finding.id);
    });
    expect(unexplained.map(describeFinding)).toEqual([]);
  });

  it('accepts a suppression only with a check name and a reason on the same line', () => {
    const unreasoned = suppressions.filter((s) => s.reason.split(/\s+/).filter(Boolean).length < 3);
    expect(unreasoned.map((s) => `${s.file}:${s.line} ${s.checks.join(' ')}`)).toEqual([]);
  });
});
