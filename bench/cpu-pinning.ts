// Gives the renderer stand-in a core of its own for one measurement: the terminal bench's supplementary throughput
// rounds, which show how much of the gap to the direct path is three busy processes sharing two cores.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every process below `root` (children, grandchildren, …), from /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the second field after the command name, which is in parentheses and may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const next = children.get(queue.shift() as number) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

async function pin(pids: number[], cores: string): Promise<void> {
  // A process may end between the listing and its pinning (a finished `cat`); the others are pinned regardless.
  await Promise.all(pids.map((pid) => run('taskset', ['-a', '-p', '-c', cores, String(pid)]).catch(() => undefined)));
}

/**
 * Pins `rendererPid` (and what it started) to the last core, and this process with its other descendants (sshd and
 * the shells it runs) to the remaining ones; returns the undo, or a reason it could not (one core, no taskset).
 */
export async function pinRendererApart(rendererPid: number): Promise<{ undo(): Promise<void> } | { reason: string }> {
  const count = cpus().length;
  if (count < 2) return { reason: 'one core only' };
  const renderer = [rendererPid, ...descendants(rendererPid)];
  const others = [process.pid, ...descendants(process.pid).filter((pid) => !renderer.includes(pid))];
  try {
    await run('taskset', ['-a', '-p', '-c', String(count - 1), String(rendererPid)]);
  } catch (error) {
    return { reason: `taskset failed: ${String(error)}` };
  }
  // The stand-in itself is pinned already (the check above).
  await pin(renderer.slice(1), String(count - 1));
  await pin(others, count === 2 ? '0' : `0-${count - 2}`);
  return {
    async undo() {
      // The stand-in is one of this process's descendants.
      await pin([process.pid, ...descendants(process.pid)], `0-${count - 1}`);
    },
  };
}
