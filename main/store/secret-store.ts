/**
 * Where secrets live: account keys, tokens and token caches, SSH private keys, node passwords.
 * Implementations encrypt at rest; values never leave main.
 */
export interface SecretStore {
  /** Reads a secret; undefined when absent. */
  get(name: string): Promise<string | undefined>;
  /** Stores or replaces a secret. */
  set(name: string, value: string): Promise<void>;
  /** Removes a secret; absent is fine. */
  delete(name: string): Promise<void>;
  /** Names of stored secrets with a given prefix (names are not secret). */
  list(prefix: string): Promise<string[]>;
  /** How secrets are protected, for the UI and docs. */
  describe(): { backend: string; encrypted: boolean };
}
