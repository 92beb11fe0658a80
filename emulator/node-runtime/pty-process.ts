import { closeSync, constants as fsConstants, openSync } from 'node:fs';
import { spawn, type IPty } from 'node-pty';
import type { ServerChannel } from 'ssh2';
import { signalProcessTree, waitAtMost } from './process-tree';
import { reportExit, signalName, type ProcessLaunch, type SessionProcess } from './session-process';

/** The terminal a client asked for with a `pty-req`. */
export interface PtyRequest {
  term: string;
  cols: number;
  rows: number;
}

/** How often a paused pty checks whether its shell has exited (see `startPtyProcess`). */
const EXIT_WATCH_MS = 50;

/**
 * Runs bash on a pseudo-terminal wired to an SSH channel. Output respects the channel's flow control: when
 * `channel.write` reports a full buffer (the client's window is exhausted) the pty is paused until `drain`, so a
 * flood such as `yes` blocks in the kernel instead of growing the emulator's memory.
 *
 * Two guards keep the end of the output: the slave side is held open so the shell's exit does not make the
 * master return EIO while output is still queued in the kernel (it did drop the last KiB under load), and a
 * paused pty resumes once the shell has exited, because node-pty destroys the pty 200 ms after the exit.
 */
export function startPtyProcess(channel: ServerChannel, launch: ProcessLaunch, pty: PtyRequest): SessionProcess {
  const term = spawn('bash', launch.args, {
    name: pty.term || 'xterm-256color',
    cols: clampSize(pty.cols, 80),
    rows: clampSize(pty.rows, 24),
    cwd: launch.cwd,
    env: { ...launch.env, TERM: pty.term || 'xterm-256color' },
  });
  const releaseSlave = holdSlaveOpen(term);
  let waitingForDrain = false;
  let shellGone = false;
  let exitWatch: NodeJS.Timeout | undefined;
  const resume = (): void => {
    waitingForDrain = false;
    clearInterval(exitWatch);
    channel.off('drain', resume);
    term.resume();
  };
  term.onData((data) => {
    if (channel.destroyed || channel.writableEnded) return;
    if (!channel.write(data) && !waitingForDrain && !shellGone) {
      waitingForDrain = true;
      term.pause();
      channel.once('drain', resume);
      exitWatch = setInterval(() => {
        if (isAlive(term.pid)) return;
        shellGone = true; // what is left is bounded by the kernel's pty buffer
        resume();
      }, EXIT_WATCH_MS);
      exitWatch.unref();
    }
  });
  // Raw bytes: decoding each chunk on its own would break UTF-8 characters split across SSH packets.
  channel.on('data', (input: Buffer) => term.write(input));
  const exited = new Promise<void>((resolve) => {
    term.onExit(({ exitCode, signal }) => {
      clearInterval(exitWatch);
      releaseSlave();
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
      releaseSlave();
    },
  };
}

/** Opens the pty's slave side (without making it our controlling terminal); returns its release. */
function holdSlaveOpen(term: IPty): () => void {
  const slavePath = (term as IPty & { ptsName?: string }).ptsName;
  let fd: number | undefined;
  try {
    if (slavePath) fd = openSync(slavePath, fsConstants.O_RDWR | fsConstants.O_NOCTTY);
  } catch {
    // Not fatal: only the tail-of-output guarantee under load is lost.
  }
  return () => {
    if (fd === undefined) return;
    const held = fd;
    fd = undefined;
    closeSync(held);
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Clamps a terminal size from the wire to something a pty accepts (NaN, 0 or huge values become sane). */
export function clampSize(value: number, fallback: number): number {
  if (!Number.isFinite(value) || value < 1) return fallback;
  return Math.min(Math.floor(value), 4096);
}
