import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerChannel, Session } from 'ssh2';
import { isSafeClientEnvName } from './node-env';
import type { NodePaths } from './node-paths';
import { startPipeProcess } from './pipe-process';
import { clampSize, startPtyProcess, type PtyRequest } from './pty-process';
import { clientSignal, type ProcessLaunch, type SessionProcess } from './session-process';
import { serveSftp } from './sftp-server';

/** What a logged-in connection knows about its node and user. */
export interface LoginContext {
  paths: NodePaths;
  nodeEnv: Record<string, string>;
  userName: string;
  /** `SSH_CONNECTION` as sshd sets it: client ip, client port, server ip, server port. */
  sshConnection: string;
  /** Registers a started process so the connection (and the runtime) can kill it. */
  track(process: SessionProcess): void;
  log(message: string): void;
}

/**
 * Serves one `session` channel the way sshd does: optional pty-req, env and window-change requests, then exactly
 * one of shell, exec or the sftp subsystem. Shells run as the emulator's own OS user (the emulator is a local
 * tool; docs/emulator.md says so): the Batch user name only shows in USER, LOGNAME and HOME.
 */
export function serveSession(session: Session, ctx: LoginContext): void {
  let pty: PtyRequest | undefined;
  let running: SessionProcess | undefined;
  let started = false;
  const clientEnv: Record<string, string> = {};

  session.on('pty', (accept, reject, info) => {
    if (started) return reject?.();
    pty = { term: info.term, cols: info.cols, rows: info.rows };
    accept?.();
  });
  session.on('window-change', (accept, _reject, info) => {
    if (pty) pty = { ...pty, cols: clampSize(info.cols, pty.cols), rows: clampSize(info.rows, pty.rows) };
    running?.resize(info.cols, info.rows);
    accept?.();
  });
  session.on('env', (accept, reject, info) => {
    if (started || !isSafeClientEnvName(info.key) || info.val.includes('\0')) return reject?.();
    clientEnv[info.key] = info.val;
    accept?.();
  });
  session.on('signal', (accept, _reject, info) => {
    const name = clientSignal(info.name);
    if (name) running?.signal(name);
    accept?.();
  });
  const begin = (channel: ServerChannel, args: string[]): void => {
    let closed = false;
    channel.once('close', () => {
      closed = true;
      // Closing the channel (client gone, or `exit` typed) ends the shell and everything it started.
      void running?.kill();
    });
    void launch(ctx, clientEnv, args).then(
      (launchSpec) => {
        if (closed) return;
        running = pty ? startPtyProcess(channel, launchSpec, pty) : startPipeProcess(channel, launchSpec);
        ctx.track(running);
      },
      (error: Error) => {
        ctx.log(`session for ${ctx.userName} could not start: ${error.message}`);
        channel.stderr.write(`The node could not start a shell: ${error.message}\r\n`);
        channel.exit(1);
        channel.end();
      },
    );
  };
  session.on('shell', (accept, reject) => {
    if (started) return reject?.();
    started = true;
    begin(accept(), ['-l']);
  });
  session.on('exec', (accept, reject, info) => {
    if (started) return reject?.();
    started = true;
    begin(accept(), ['-c', info.command]);
  });
  session.on('sftp', (accept, reject) => {
    if (started) return reject?.();
    started = true;
    serveSftp(accept(), ctx.paths.root, ctx.log);
  });
}

async function launch(ctx: LoginContext, clientEnv: Record<string, string>, args: string[]): Promise<ProcessLaunch> {
  const home = path.join(ctx.paths.root, 'home', homeFolderName(ctx.userName));
  await mkdir(home, { recursive: true });
  await writeLoginProfile(home, ctx.paths.bin, ctx.nodeEnv.HOSTNAME ?? 'node');
  const [clientIp = '', clientPort = '', , serverPort = ''] = ctx.sshConnection.split(' ');
  const env = {
    ...ctx.nodeEnv,
    ...clientEnv,
    HOME: home,
    USER: ctx.userName,
    LOGNAME: ctx.userName,
    SHELL: '/bin/bash',
    SSH_CONNECTION: ctx.sshConnection,
    SSH_CLIENT: `${clientIp} ${clientPort} ${serverPort}`,
  };
  return { args, cwd: ctx.paths.root, env };
}

/**
 * Login shells read /etc/profile, which resets PATH and the prompt: the user's `.bash_profile` (written once, kept
 * if the user edits it) puts the node's shims first again and shows the node's own host name in the prompt.
 */
async function writeLoginProfile(home: string, binDir: string, hostname: string): Promise<void> {
  const profile = [
    '# Batch emulator: this node shares a machine with others; keep its own tools and host name.',
    '[ -f ~/.bashrc ] && . ~/.bashrc',
    `export PATH=${JSON.stringify(binDir)}:"$PATH"`,
    `PS1='\${USER}@${hostname}:\\w\\$ '`,
    '',
  ].join('\n');
  await writeFile(path.join(home, '.bash_profile'), profile, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/** A Batch user name as a folder name: anything outside the portable file-name set becomes `_`. */
export function homeFolderName(userName: string): string {
  const safe = userName.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe.startsWith('.') ? `_${safe}` : safe;
}
