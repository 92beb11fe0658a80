// `npm test`: every check a change must pass — typecheck, lint, build, unit + integration + packaging tests
// (vitest), end-to-end tests in Debian's Chromium (Playwright). Runs every step, then prints one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureDebianPackages, hermeticEnvironment } from './test-prerequisites.mjs';

if (!ensureDebianPackages()) process.exit(1);
const { home, env: baseEnv } = hermeticEnvironment();
console.log(`Tests run with HOME=${home} (a fresh folder: no test shell reads your own rc files).`);

const reports = '.cache/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const steps = [
  { name: 'typecheck', command: 'npm run --silent typecheck' },
  { name: 'lint', command: 'npm run --silent lint' },
  { name: 'build', command: 'node scripts/build.mjs' },
  { name: 'vitest', command: `npx vitest run --reporter=default --reporter=json --outputFile.json=${reports}/vitest.json` },
  { name: 'e2e', command: 'npx playwright test --reporter=list,json', env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` } },
];

const only = process.argv.slice(2);
const failed = [];
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  console.log(`\n=== ${step.name}: ${step.command}`);
  const started = Date.now();
  const result = spawnSync(step.command, { shell: true, stdio: 'inherit', env: { ...baseEnv, ...step.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`=== ${step.name} ${result.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
  if (result.status !== 0) failed.push(step.name);
}

rmSync(home, { recursive: true, force: true });

/** Reads a JSON report if the step wrote one. */
function report(name) {
  const path = `${reports}/${name}`;
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

const vitest = report('vitest.json');
const e2e = report('e2e.json');
const passed = (vitest?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const failedTests = (vitest?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);
console.log(`\nSteps failed: ${failed.length === 0 ? 'none' : failed.join(', ')}`);
console.log(`${passed} passed, ${failedTests} failed, ${skipped} skipped`);
process.exit(failed.length === 0 && failedTests === 0 ? 0 : 1);
