import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateEd25519KeyPair } from '../../main/keys/managed-key-store';
import type { NodeLoginTarget } from '../../main/ssh/node-login';

const run = promisify(execFile);

/** Debian's OpenSSH server started by a test on 127.0.0.1 with a throwaway config, keys and log. */
export interface RunningSshd {
  host: '127.0.0.1';
  port: number;
  /** How OpenSSH (and our trust store) keys this server: `[127.0.0.1]:PORT`. */
  hostKeyId: string;
  /** The user the client key logs in as (the user running the test: sshd as non-root only admits itself). */
  user: string;
  /** OpenSSH private key text admitted by the server's authorized_keys. */
  clientPrivateKey: string;
  /** How the app logs in to this server as {@link user} with the client key. */
  loginTarget(): NodeLoginTarget;
  /** The server's host public key as an OpenSSH line (`ssh-ed25519 AAAA…`). */
  hostPublicKey(): string;
  /** Everything sshd wrote to its log so far (LogLevel VERBOSE or DEBUG1: every authentication attempt). */
  log(): string;
  /** Stops sshd and starts it again on the same port with a freshly generated host key. */
  restartWithNewHostKey(): Promise<void>;
  /** PIDs of the sshd processes serving connections (below our listener), to cut or freeze connections. */
  connectionPids(): Promise<number[]>;
  /** Stops sshd (by its own PID) and deletes its folder. */
  stop(): Promise<void>;
}

/** Options for {@link startSshd}. */
export interface SshdOptions {
  /** DEBUG1 records even `none` authentication requests; VERBOSE records every key and password attempt. */
  logLevel?: 'VERBOSE' | 'DEBUG1';
}

/** Starts `sshd -D -e` on a free loopback port and waits until it listens. */
export async function startSshd(options: SshdOptions = {}): Promise<RunningSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'batch-deck-sshd-'));
  mkdirSync('/run/sshd', { recursive: true });
  // The product's generator: ssh2's own yields an unparseable key about 1 time in 256 (a flaky login).
  const client = generateEd25519KeyPair('test-client');
  writeFileSync(join(dir, 'authorized_keys'), `${client.public}\n`, { mode: 0o600 });
  mkdirSync(join(dir, 'home'));
  const port = await freePort();
  let log = '';
  let child: ChildProcess | undefined;
  let keyGeneration = 0;

  const start = async (): Promise<void> => {
    keyGeneration += 1;
    const keyPath = join(dir, `host_ed25519_${keyGeneration}`);
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-sshd', '-f', keyPath]);
    const configPath = join(dir, 'sshd_config');
    writeFileSync(configPath, sshdConfig({ port, keyPath, dir, logLevel: options.logLevel ?? 'VERBOSE' }));
    await run('/usr/sbin/sshd', ['-t', '-f', configPath]);
    child = spawn('/usr/sbin/sshd', ['-f', configPath, '-D', '-e'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sshd did not start:\n${log}`)), 15_000);
      child?.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child?.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sshd exited with ${code}:\n${log}`));
      });
    });
  };

  const halt = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    hostKeyId: `[127.0.0.1]:${port}`,
    user: userInfo().username,
    clientPrivateKey: client.private,
    loginTarget: () => ({
      host: '127.0.0.1',
      port,
      username: userInfo().username,
      auth: { kind: 'privateKey', privateKey: client.private },
      label: 'test sshd',
      hostKeyId: `[127.0.0.1]:${port}`,
    }),
    hostPublicKey: () => readFileSync(join(dir, `host_ed25519_${keyGeneration}.pub`), 'utf8').trim(),
    log: () => log,
    async restartWithNewHostKey() {
      await halt();
      await start();
    },
    async connectionPids() {
      // The sshd processes below the listener (monitor and network child), not the users' shells: a frozen shell
      // could hold a lock (e.g. in a .bashrc) that the next login waits on.
      const found: number[] = [];
      let parents = child?.pid ? [child.pid] : [];
      while (parents.length > 0) {
        const listed = await run('pgrep', ['-x', 'sshd', '-P', parents.join(',')]).catch(() => ({ stdout: '' }));
        parents = listed.stdout.split(/\s+/).filter(Boolean).map(Number);
        found.push(...parents);
      }
      return found;
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A loopback port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The minimal sshd_config for a test server: key auth only, no PAM, everything in the temp folder. */
function sshdConfig(options: { port: number; keyPath: string; dir: string; logLevel: string }): string {
  return [
    `Port ${options.port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${options.keyPath}`,
    `AuthorizedKeysFile ${join(options.dir, 'authorized_keys')}`,
    `PidFile ${join(options.dir, 'sshd.pid')}`,
    'UsePAM no',
    'StrictModes no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'PrintMotd no',
    'PrintLastLog no',
    'AcceptEnv LANG LC_*',
    `LogLevel ${options.logLevel}`,
    // The login shell reads its rc files from HOME: a fresh one here, never the machine user's (a slow ~/.bashrc
    // would stall every test login). sshd applies SetEnv after its own HOME.
    `SetEnv HOME=${join(options.dir, 'home')}`,
    '',
  ].join('\n');
}
