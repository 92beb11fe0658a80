import { readdirSync, readFileSync } from 'node:fs';

/**
 * Sends a signal to every process of the session/process group led by `leaderPid`. Node starts detached children
 * and node-pty starts shells with setsid(), so the leader's pid is also its session id; an interactive bash puts
 * background jobs in their own process groups, which only the session scan (Linux /proc) finds.
 */
export function signalProcessTree(leaderPid: number, signal: NodeJS.Signals): void {
  // kill(-1) would signal every process we may signal, and pid 1 is init: never let a bad pid get that far.
  if (!Number.isInteger(leaderPid) || leaderPid <= 1) return;
  trySignal(-leaderPid, signal);
  trySignal(leaderPid, signal);
  for (const pid of sessionMembers(leaderPid)) trySignal(pid, signal);
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone (ESRCH) is the common, harmless case.
  }
}

function sessionMembers(sessionId: number): number[] {
  if (process.platform !== 'linux') return [];
  const members: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid pgrp session …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[3]) === sessionId || Number(fields[2]) === sessionId) members.push(Number(entry));
    } catch {
      // The process exited while we looked.
    }
  }
  return members;
}

/** Resolves when `exited` settles or after `limitMs`, so a stuck process can never hang a shutdown. */
export function waitAtMost(exited: Promise<unknown>, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    timer.unref();
    void exited.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });
}
