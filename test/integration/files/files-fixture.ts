import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OperationProgress } from '../../../contract/features/operations';
import type { BrowserDownloads } from '../../../main/files/browser-downloads';
import { createFiles } from '../../../main/files/files-feature';
import type { PartialHandlers } from '../../../main/router';
import { SshConnectionPool, type SshConnections } from '../../../main/ssh/connection-pool';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import { emulatorSource } from '../../helpers/emulator-source';
import type { ProvisionFixture } from '../provision/provision-fixture';
import type { filesChannels } from '../../../contract/features/files';

/** The files feature built as app.ts builds it, over a provisioning fixture, with a pool of shared connections. */
export interface FilesRig {
  handlers: PartialHandlers<keyof typeof filesChannels>;
  connections: SshConnectionPool;
  /** A fresh local folder for downloads. */
  localDir: string;
  /** The files main fetched for a browser download (what the web host's /download/<id> serves). */
  downloads: BrowserDownloads;
  dispose(): Promise<void>;
}

/**
 * Builds the rig. Host keys are trusted as the user would after reading the fingerprint in a terminal (the prompt is
 * answered `trust`); the files feature itself never waits on a prompt.
 */
export function filesRig(fx: ProvisionFixture): FilesRig {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-files-'));
  const trust = new HostKeyTrust(dataDir, new KnownHostsFile(join(dataDir, 'no-known-hosts')));
  const prompts = new HostKeyPrompts();
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const pool = new SshConnectionPool({ resolver: fx.provisioning.resolver, trust, prompts, log });
  const trusting: SshConnections = {
    acquire: (key, options) =>
      pool.acquire(key, {
        ...options,
        onHostKey: (event) => {
          // The prompt is announced just before the connection starts waiting for it: answer on the next turn.
          if (event.kind === 'prompt') setImmediate(() => prompts.decide(event.hostKeyId, event.key.fingerprint, 'trust'));
        },
      }),
  };
  const { handlers, downloads } = createFiles({ source: emulatorSource(fx.emulator, fx.accountId), operations: fx.operations, connections: trusting, stallMs: 3000 });
  const dispose = async () => {
    downloads.dispose();
    await pool.dispose();
  };
  return { handlers, connections: pool, downloads, localDir: mkdtempSync(join(tmpdir(), 'bd-files-local-')), dispose };
}

/** Calls a handler as the router would (the request already validated). */
export function call<C extends keyof typeof filesChannels>(rig: FilesRig, channel: C, request: Parameters<FilesRig['handlers'][C]>[0]): ReturnType<FilesRig['handlers'][C]> {
  const handler = rig.handlers[channel] as (request: unknown, ctx: unknown) => ReturnType<FilesRig['handlers'][C]>;
  return handler(request, { sender: 'test' });
}

/** The real folder of a node in the emulator's data folder (what the node's SFTP `/` and files API root are). */
export function nodeDir(fx: ProvisionFixture, poolId: string, nodeId: string): string {
  return join(fx.emulator.dataDir, 'nodes', poolId, nodeId);
}

/** Writes `size` random bytes at `path` (folders created) and returns their sha256. */
export function randomFile(path: string, size: number): string {
  mkdirSync(dirname(path), { recursive: true });
  const bytes = randomBytes(size);
  writeFileSync(path, bytes);
  return createHash('sha256').update(bytes).digest('hex');
}

/** The sha256 of a file, streamed. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The last progress seen for an operation, merged over its events (items by id). */
export function lastItems(fx: ProvisionFixture, operationId: string): Map<string, OperationProgress['items'][number]> {
  const items = new Map<string, OperationProgress['items'][number]>();
  for (const p of fx.progress) if (p.operationId === operationId) for (const item of p.items) items.set(item.id, item);
  return items;
}
