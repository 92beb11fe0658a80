import { spawn } from 'node-pty';
import type { ServerChannel } from 'ssh2';
import { signalProcessTree, waitAtMost } from './process-tree';
import { reportExit, signalName, type ProcessLaunch, type SessionProcess } from './session-process';

/** The terminal a client asked for with a `pty-req`. */
export interface PtyRequest {
  term: string;
  cols: number;
  rows: number;
}

/**
 * Runs bash on a pseudo-terminal wired to an SSH channel. Output respects the channel's flow control: when
 * `channel.write` reports a full buffer (the client's window is exhausted) the pty is paused until `drain`, so a
 * flood such as `yes` blocks in the kernel instead of growing the emulator's memory.
 */
export function startPtyProcess(channel: ServerChannel, launch: ProcessLaunch, pty: PtyRequest): SessionProcess {
  const term = spawn('bash', launch.args, {
    name: pty.term || 'xterm-256color',
    cols: clampSize(pty.cols, 80),
    rows: clampSize(pty.rows, 24),
    cwd: launch.cwd,
    env: { ...launch.env, TERM: pty.term || 'xterm-256color' },
  });
  let waitingForDrain = false;
  term.onData((data) => {
    if (channel.destroyed || channel.writableEnded) return;
    if (!channel.write(data) && !waitingForDrain) {
      waitingForDrain = true;
      term.pause();
      channel.once('drain', () => {
        waitingForDrain = false;
        term.resume();
      });
    }
  });
  // Raw bytes: decoding each chunk on its own would break UTF-8 characters split across SSH packets.
  channel.on('data', (input: Buffer) => term.write(input));
  const exited = new Promise<void>((resolve) => {
    term.onExit(({ exitCode, signal }) => {
      const name = signalName(signal);
      reportExit(channel, name ? null : exitCode, name);
      resolve();
    });
  });
  return {
    pid: term.pid,
    exited,
    resize(cols, rows) {
      try {
        term.resize(clampSize(cols, 80), clampSize(rows, 24));
      } catch {
        // The pty is already closed: a late window-change has nothing left to resize.
      }
    },
    signal(name) {
      signalProcessTree(term.pid, name);
    },
    async kill() {
      signalProcessTree(term.pid, 'SIGKILL');
      await waitAtMost(exited, 2000);
    },
  };
}

/** Clamps a terminal size from the wire to something a pty accepts (NaN, 0 or huge values become sane). */
export function clampSize(value: number, fallback: number): number {
  if (!Number.isFinite(value) || value < 1) return fallback;
  return Math.min(Math.floor(value), 4096);
}
