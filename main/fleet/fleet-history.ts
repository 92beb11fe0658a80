import { join } from 'node:path';
import { z } from 'zod';
import type { FleetHistoryEntry, FleetResult } from '../../contract/features/fleet';
import { JsonFile } from '../store/json-file';
import { endLabel } from './fleet-answers';

/** Commands kept per pool. */
export const fleetHistoryLimit = 20;
/** Groups kept per command (the largest). */
const groupsPerEntry = 10;

const entrySchema = z.object({
  operationId: z.string(),
  command: z.string(),
  userName: z.string(),
  targetLabel: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  state: z.enum(['running', 'finished', 'cancelled', 'failed']),
  total: z.number().int(),
  groups: z.array(z.object({ kind: z.enum(['answer', 'unreachable']), count: z.number().int(), end: z.string(), preview: z.string() })),
});

const historySchema = z.object({
  version: z.literal(1),
  /** `accountId\npoolId` → newest first. */
  pools: z.record(z.string(), z.array(entrySchema)),
});

/** The first line of an answer, at most 200 characters: enough to recognise it, never a whole output. */
export function previewOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A finished command as history keeps it: its text, target and group summaries (no output, no credential). */
export function historyEntryOf(result: FleetResult, targetLabel: string): FleetHistoryEntry {
  return {
    operationId: result.operationId,
    command: result.command,
    userName: result.userName,
    targetLabel,
    startedAt: result.startedAt,
    ...(result.finishedAt ? { finishedAt: result.finishedAt } : {}),
    state: result.state,
    total: result.total,
    groups: result.groups.slice(0, groupsPerEntry).map((group) =>
      group.kind === 'answer'
        ? { kind: 'answer', count: group.count, end: endLabel(group.end), preview: previewOf(group.stdout || group.stderr) }
        : { kind: 'unreachable', count: group.count, end: group.reason, preview: group.message },
    ),
  };
}

/**
 * The last {@link fleetHistoryLimit} commands of each pool (account and pool scoped), in `fleet-history.json` in the
 * data folder through the durable JsonFile. Only command text and group summaries: the command is what the operator
 * typed, so a secret typed into it would be kept too — the form says so.
 */
export class FleetHistory {
  private readonly file: JsonFile<typeof historySchema>;
  /** Read-modify-write runs one at a time, so two commands ending together are both kept. */
  private serial: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'fleet-history.json'), historySchema, () => ({ version: 1 as const, pools: {} }));
  }

  /** One pool's commands, newest first. */
  async list(accountId: string, poolId: string): Promise<FleetHistoryEntry[]> {
    return (await this.file.read()).pools[poolKey(accountId, poolId)] ?? [];
  }

  /** Adds (or replaces, by operation id) a command at the top of its pool's list. */
  add(accountId: string, poolId: string, entry: FleetHistoryEntry): Promise<void> {
    const next = this.serial.then(async () => {
      const document = await this.file.read();
      const key = poolKey(accountId, poolId);
      const kept = (document.pools[key] ?? []).filter((e) => e.operationId !== entry.operationId);
      await this.file.write({ version: 1, pools: { ...document.pools, [key]: [entry, ...kept].slice(0, fleetHistoryLimit) } });
    });
    this.serial = next.catch(() => undefined);
    return next;
  }
}

function poolKey(accountId: string, poolId: string): string {
  return `${accountId}\n${poolId}`;
}
