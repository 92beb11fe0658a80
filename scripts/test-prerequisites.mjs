// What `npm test` needs from the machine besides npm packages: Debian packages (installed here when running as root,
// otherwise named in the one command to run) and a HOME of the run's own, so no test shell reads the user's rc files.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Each Debian package the suite uses, and the executables that show it is there. */
const debianPackages = [
  { name: 'chromium', paths: [process.env.BATCH_DECK_CHROMIUM ?? '/usr/bin/chromium'] },
  { name: 'openssh-server', paths: ['/usr/sbin/sshd'] },
  { name: 'openssh-client', commands: ['ssh', 'ssh-keygen'] },
  { name: 'p7zip-full', commands: ['7za'] },
  { name: 'openssl', commands: ['openssl'] },
];

/** Whether `file` exists and may be executed. */
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether `command` is found on PATH. */
function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, command)));
}

/** The packages whose executables are missing. */
export function missingPackages() {
  return debianPackages
    .filter((pkg) => !(pkg.paths ?? []).every(executable) || !(pkg.commands ?? []).every(onPath))
    .map((pkg) => pkg.name);
}

/** Runs a command with inherited output; true when it succeeded. */
function run(command, args, env = process.env) {
  return spawnSync(command, args, { stdio: 'inherit', env }).status === 0;
}

/**
 * Installs what is missing when running as root with apt-get (nothing to do when all is present), and prepares
 * sshd's privilege-separation folder. Otherwise prints the one command to run and returns false.
 */
export function ensureDebianPackages() {
  const missing = missingPackages();
  const root = process.getuid?.() === 0;
  if (!root && !existsSync('/run/sshd')) {
    console.error('npm test starts OpenSSH servers, which need /run/sshd. Create it as root, then run npm test again:');
    console.error(`  sudo mkdir -p /run/sshd${missing.length > 0 ? ` && sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}` : ''}`);
    return false;
  }
  if (missing.length > 0) {
    const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
    if (!root || !onPath('apt-get')) {
      console.error(`npm test needs these Debian packages: ${missing.join(', ')}. Install them as root, then run npm test again:`);
      console.error(`  sudo apt-get update && sudo ${install}`);
      return false;
    }
    console.log(`Installing the Debian packages the tests need: ${missing.join(', ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!run('apt-get', ['update', '-qq'], env) || !run('apt-get', install.split(' ').slice(1), env)) {
      console.error(`Installing ${missing.join(', ')} failed (see apt-get's output above); fix that, then run npm test again.`);
      return false;
    }
    const still = missingPackages();
    if (still.length > 0) {
      console.error(`After installing, these are still missing: ${still.join(', ')} (is BATCH_DECK_CHROMIUM or PATH pointing elsewhere?).`);
      return false;
    }
  }
  // sshd refuses to start without its privilege-separation folder; /run is emptied at every boot.
  if (root) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  return true;
}

/**
 * The environment every step runs in: HOME is a fresh folder of this run, so shells started by tests (local ptys,
 * the app's local terminals) never read the machine user's rc files; XDG folders then follow HOME.
 */
export function hermeticEnvironment() {
  const home = mkdtempSync(join(tmpdir(), 'batch-deck-test-home-'));
  const env = { ...process.env, HOME: home };
  for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) delete env[name];
  return { home, env };
}
