import { spawn } from 'node:child_process';
import type { ServerChannel } from 'ssh2';
import { signalProcessTree, waitAtMost } from './process-tree';
import { reportExit, type ProcessLaunch, type SessionProcess } from './session-process';

/**
 * Runs bash without a terminal (exec or shell without pty-req): stdout and stderr stay separate (SSH extended
 * data), stdin is the channel, and `pipe` gives channel backpressure for free.
 */
export function startPipeProcess(channel: ServerChannel, launch: ProcessLaunch): SessionProcess {
  // detached: the command leads its own session, so kill() can end everything it started.
  const child = spawn('bash', launch.args, { cwd: launch.cwd, env: launch.env, detached: true, stdio: 'pipe' });
  child.stdout.pipe(channel, { end: false });
  child.stderr.pipe(channel.stderr, { end: false });
  channel.pipe(child.stdin);
  child.stdin.on('error', () => {
    // The command exited without reading all input (EPIPE); that is its right.
  });
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      channel.stderr.write(`bash could not be started: ${error.message}\n`);
      reportExit(channel, 127, null);
      resolve();
    });
    // 'close' waits for stdout/stderr to drain into the channel, so the exit status comes after all output.
    child.once('close', (code, signal) => {
      reportExit(channel, code, signal);
      resolve();
    });
  });
  const pid = child.pid ?? -1;
  return {
    pid,
    exited,
    resize() {
      // No terminal to resize.
    },
    signal(name) {
      signalProcessTree(pid, name);
    },
    async kill() {
      signalProcessTree(pid, 'SIGKILL');
      await waitAtMost(exited, 2000);
    },
  };
}
