import { join } from 'node:path';
import { z } from 'zod';
import { JsonFile } from './json-file';
import type { SecretStore } from './secret-store';

/** Turns a secret into an opaque string and back; the mechanism (AES key file, OS keyring) is the implementation's. */
export interface SecretCipher {
  encrypt(plainText: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
  describe(): { backend: string; encrypted: boolean };
}

const vaultSchema = z.record(z.string(), z.string());

/**
 * A SecretStore that keeps sealed secrets in one JSON file (`secrets.json`, 0600, written atomically). The cipher
 * decides how values are sealed, so the Electron host (safeStorage) and the web host (AES key file) share this.
 */
export class VaultSecretStore implements SecretStore {
  private readonly vault: JsonFile<typeof vaultSchema>;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    dir: string,
    private readonly cipher: SecretCipher,
  ) {
    this.vault = new JsonFile(join(dir, 'secrets.json'), vaultSchema, () => ({}));
  }

  async get(name: string): Promise<string | undefined> {
    const sealed = (await this.vault.read())[name];
    return sealed === undefined ? undefined : this.cipher.decrypt(sealed);
  }

  async set(name: string, value: string): Promise<void> {
    const sealed = await this.cipher.encrypt(value);
    await this.mutate((all) => {
      all[name] = sealed;
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
    return this.cipher.describe();
  }

  /** Read-modify-write of the vault, one at a time so concurrent writers never lose each other's records. */
  private mutate(change: (all: Record<string, string>) => void): Promise<void> {
    const next = this.pending.then(async () => {
      const all = await this.vault.read();
      change(all);
      await this.vault.write(all);
    });
    this.pending = next.catch(() => undefined);
    return next;
  }
}
