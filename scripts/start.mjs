// `npm start`: builds the app, then runs it in Electron when Electron can run here; otherwise starts the web host
// and says plainly why; the host prints the http://127.0.0.1:PORT/#token=… address to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The Electron executable if its binary is on disk (checked without require('electron'), which downloads). */
function installedElectron() {
  const root = dirname(require.resolve('electron/package.json'));
  const pathFile = join(root, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(root, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Finds a runnable Electron: runs Electron's own installer when the binary is missing (npm install skipped it). */
function findElectron() {
  const present = installedElectron();
  if (present) return { path: present };
  console.log("The Electron binary is not installed yet (npm install skips its download); running Electron's installer…");
  const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], { encoding: 'utf8', timeout: 300_000 });
  const installed = installedElectron();
  if (installed) return { path: installed };
  const output = `${install.stdout ?? ''}\n${install.stderr ?? ''}`;
  const why = /ENOTFOUND|EAI_AGAIN|fetch failed|ECONNREFUSED|ETIMEDOUT/.test(output)
    ? 'its binary could not be downloaded (no connection to github.com)'
    : `its installer failed (${output.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${install.status}`})`;
  return { reason: why };
}

/** Starts the web host in the foreground. */
function startWebHost(reason) {
  console.log(`\nElectron did not start: ${reason}.`);
  console.log('Starting the Batch Deck web host instead: the same app, served to your browser on this machine only.');
  console.log('Open the address it prints below in your browser. The part after # is the key to this run: the browser');
  console.log('never sends it to a server; the page keeps it for this tab only. Do not share the address.\n');
  const child = spawn(process.execPath, [join(process.env.BATCH_DECK_OUT ?? 'out', 'main', 'web.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

if (process.env.BATCH_DECK_WEB === '1') {
  startWebHost('BATCH_DECK_WEB=1 asks for the web host');
} else {
  const electron = findElectron();
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (!electron.path) {
    startWebHost(electron.reason);
  } else if (noDisplay) {
    startWebHost('there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)');
  } else {
    const started = Date.now();
    let stderr = '';
    const child = spawn(electron.path, ['.'], { stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => startWebHost(`Electron failed to launch (${error.message})`));
    child.on('exit', (code) => {
      // A crash right at start (missing libraries, sandbox problems) falls back; a normal quit just ends.
      if (code !== 0 && Date.now() - started < 10_000) {
        startWebHost(`Electron exited at start with code ${code}: ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
      } else {
        process.exit(code ?? 0);
      }
    });
  }
}
