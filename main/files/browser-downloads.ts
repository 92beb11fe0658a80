import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A file main fetched for the browser: where it lands and the name the browser saves it under. */
export interface OfferedFile {
  /** Absolute path of the file inside a folder main owns. */
  path: string;
  /** The name the user sees in the save prompt (the remote file's base name). */
  name: string;
}

interface Slot extends OfferedFile {
  dir: string;
  expires: number;
}

/** How long an offered download stays fetchable (the page fetches it the moment the transfer ends). */
export const offerLifetimeMs = 5 * 60_000;
/** Ids are 32 random bytes in base64url: unguessable, and nothing else matches the route. */
const idPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Files main fetched (Batch files API or SFTP) for the web host's browser download: each lives in its own temp folder
 * under one root main owns, is offered under a random single-use id for a few minutes, and is removed once served,
 * expired, or when the app stops. The id only ever travels over the token-guarded contract socket.
 */
export class BrowserDownloads {
  private readonly root = mkdtempSync(path.join(os.tmpdir(), 'batch-deck-downloads-'));
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly lifetimeMs = offerLifetimeMs) {}

  /** A fresh folder for one download and the id that will serve `name` from it once the transfer put it there. */
  async reserve(name: string): Promise<{ id: string; dir: string; href: string }> {
    this.sweep();
    const dir = await mkdtemp(path.join(this.root, 'd-'));
    const id = randomBytes(32).toString('base64url');
    this.slots.set(id, { dir, path: path.join(dir, name), name, expires: Date.now() + this.lifetimeMs });
    return { id, dir, href: `/download/${id}` };
  }

  /**
   * Reserves a folder for `name` and starts the transfer into it; the answer carries the href the page fetches once it
   * ends. A transfer that cannot start (a folder, a missing file) gives its folder up at once.
   */
  async offer<T extends object>(name: string, start: (dir: string) => Promise<T>): Promise<T & { href: string }> {
    const slot = await this.reserve(name);
    try {
      return { ...(await start(slot.dir)), href: slot.href };
    } catch (error) {
      this.drop(slot.id);
      throw error;
    }
  }

  /**
   * The file for `id`, once: undefined for an unknown, expired or already used id, or while the transfer has not
   * finished (the file is written as `.partial` and renamed at the end). Call `release` after serving it.
   */
  take(id: string): (OfferedFile & { size: number; release: () => void }) | undefined {
    this.sweep();
    if (!idPattern.test(id)) return undefined;
    const slot = this.slots.get(id);
    if (!slot) return undefined;
    const size = fileSize(slot.path);
    if (size === undefined) return undefined;
    this.slots.delete(id);
    return { path: slot.path, name: slot.name, size, release: () => void rm(slot.dir, { recursive: true, force: true }).catch(() => undefined) };
  }

  /** Removes every offered file and the root folder (the app is stopping). */
  dispose(): void {
    this.slots.clear();
    rmSync(this.root, { recursive: true, force: true });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, slot] of this.slots) if (slot.expires <= now) this.drop(id);
  }

  private drop(id: string): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    this.slots.delete(id);
    void rm(slot.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The size of a regular file at `p`, or undefined when there is none (not yet renamed, or a folder). */
function fileSize(p: string): number | undefined {
  try {
    const stats = statSync(p);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

/** A file name safe for `Content-Disposition`: ASCII fallback plus the RFC 5987 UTF-8 form. */
export function attachmentHeader(name: string): string {
  const base = [...name.replace(/[/\\]/g, '_')].filter((c) => c >= ' ' && c !== '\u007f').join('') || 'download';
  const ascii = base.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}
