import type { SafeStorage } from 'electron';
import { ContractFailure } from '../../contract/result';
import type { SecretCipher } from '../store/vault-secret-store';

/**
 * Seals secrets with the OS keyring through Electron's async safeStorage API. On Linux without a keyring Electron
 * falls back to `basic_text` (a hard-coded key): refused unless the user explicitly accepted it in Settings.
 */
export class SafeStorageCipher implements SecretCipher {
  constructor(
    private readonly safeStorage: Pick<
      SafeStorage,
      'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'
    >,
    private readonly plainTextAccepted: () => Promise<boolean>,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async encrypt(plainText: string): Promise<string> {
    await this.assertSafe();
    return (await this.safeStorage.encryptStringAsync(plainText)).toString('base64');
  }

  async decrypt(sealed: string): Promise<string> {
    return (await this.safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result;
  }

  describe(): { backend: string; encrypted: boolean } {
    const backend = this.platform === 'linux' ? this.safeStorage.getSelectedStorageBackend() : 'os keychain';
    return { backend: `Electron safeStorage (${backend})`, encrypted: backend !== 'basic_text' };
  }

  /** Refuses to seal when no real keyring protects the key, unless the user accepted that. */
  private async assertSafe(): Promise<void> {
    if (!(await this.safeStorage.isAsyncEncryptionAvailable())) {
      throw new ContractFailure('SECRET_STORE_UNAVAILABLE', 'The OS keyring is not available, so secrets cannot be stored.');
    }
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text' && !(await this.plainTextAccepted())) {
      throw new ContractFailure(
        'SECRET_STORE_UNAVAILABLE',
        'No OS keyring (GNOME Keyring or KWallet) was found, so secrets would be stored with a fixed key. Install and unlock a keyring, or accept "store secrets without a keyring" in Settings.',
      );
    }
  }
}
