import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonFile } from './json-file';
import type { SecretStore } from './secret-store';

const vaultSchema = z.record(z.string(), z.object({ iv: z.string(), tag: z.string(), data: z.string() }));

/**
 * The web host's secret store: AES-256-GCM records in `secrets.json`, keyed by a random 32-byte key in
 * `secrets.key` that only the user can read (0600). Protects against other users and stray copies of the vault
 * file, not against the same OS user (docs/security.md says so). Electron uses safeStorage instead.
 */
export class FileSecretStore implements SecretStore {
  private readonly vault: JsonFile<typeof vaultSchema>;
  private key: Promise<Buffer> | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {
    this.vault = new JsonFile(join(dir, 'secrets.json'), vaultSchema, () => ({}));
  }

  async get(name: string): Promise<string | undefined> {
    const record = (await this.vault.read())[name];
    if (!record) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', await this.loadKey(), Buffer.from(record.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(record.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(record.data, 'base64')), decipher.final()]).toString('utf8');
  }

  async set(name: string, value: string): Promise<void> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), iv);
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const record = { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    await this.mutate((all) => {
      all[name] = record;
    });
  }

  async delete(name: string): Promise<void> {
    await this.mutate((all) => {
      delete all[name];
    });
  }

  async list(prefix: string): Promise<string[]> {
    return Object.keys(await this.vault.read()).filter((name) => name.startsWith(prefix));
  }

  describe(): { backend: string; encrypted: boolean } {
    return { backend: 'file (AES-256-GCM, key file 0600)', encrypted: true };
  }

  /** Read-modify-write of the vault, one at a time so concurrent writers never lose each other's records. */
  private mutate(change: (all: z.output<typeof vaultSchema>) => void): Promise<void> {
    const next = this.pending.then(async () => {
      const all = await this.vault.read();
      change(all);
      await this.vault.write(all);
    });
    this.pending = next.catch(() => undefined);
    return next;
  }

  /** The key, read once (concurrent first calls share one read or creation). */
  private loadKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey();
    return this.key;
  }

  /** Reads the key file, creating it (0600) on first use. */
  private async readOrCreateKey(): Promise<Buffer> {
    const path = join(this.dir, 'secrets.key');
    let key: Buffer;
    try {
      key = Buffer.from(await readFile(path, 'utf8'), 'base64');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      key = randomBytes(32);
      await writeFile(path, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    await chmod(path, 0o600);
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte key`);
    return key;
  }
}
