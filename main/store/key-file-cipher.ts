import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretCipher } from './vault-secret-store';

/**
 * The web host's cipher: AES-256-GCM with a random 32-byte key in a file only the user can read (0600).
 * Protects secrets from other OS users and from copies of the vault alone, not from the same OS user
 * (docs/security.md says so). Electron uses the OS keyring through safeStorage instead.
 */
export class KeyFileCipher implements SecretCipher {
  private key: Promise<Buffer> | undefined;

  constructor(private readonly keyPath: string) {}

  async encrypt(plainText: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), iv);
    const data = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
  }

  async decrypt(sealed: string): Promise<string> {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('A stored secret is not in a known format');
    const decipher = createDecipheriv('aes-256-gcm', await this.loadKey(), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  describe(): { backend: string; encrypted: boolean } {
    return { backend: 'AES-256-GCM with a key file readable only by you (0600)', encrypted: true };
  }

  /** The key, read once (concurrent first calls share one read or creation). */
  private loadKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey();
    return this.key;
  }

  /** Reads the key file, creating it (0600) on first use. */
  private async readOrCreateKey(): Promise<Buffer> {
    let key: Buffer;
    try {
      key = Buffer.from(await readFile(this.keyPath, 'utf8'), 'base64');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dirname(this.keyPath), { recursive: true, mode: 0o700 });
      key = randomBytes(32);
      await writeFile(this.keyPath, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    await chmod(this.keyPath, 0o600);
    if (key.length !== 32) throw new Error(`${this.keyPath} does not hold a 32-byte key`);
    return key;
  }
}
