import { join } from 'node:path';
import { z } from 'zod';
import type { KnownHostKey, TrustedHostKey } from '../../contract/features/terminal';
import { JsonFile } from '../store/json-file';
import { keyFamily, type HostKey } from './host-key-blob';
import { CoalescedDocument } from './coalesced-document';
import type { KnownHostsFile } from './known-hosts-file';

/** What the trust sources say about a presented host key. */
export type HostKeyVerdict =
  | { verdict: 'trusted' }
  /** Nobody knows a key of this type for the host: ask the user. */
  | { verdict: 'unknown'; otherKnown: KnownHostKey[] }
  /** A key of the same type is known and differs: block, show both, never accept in one step. */
  | { verdict: 'changed'; known: KnownHostKey[] }
  /** known_hosts marks this exact key `@revoked`. */
  | { verdict: 'revoked' };

const storeSchema = z.object({
  version: z.literal(1),
  keys: z.array(
    z.object({
      hostKeyId: z.string(),
      keyType: z.string(),
      /** Base64 of the key blob, as in known_hosts. */
      key: z.string(),
      fingerprint: z.string(),
      addedAt: z.string(),
    }),
  ),
});

type Store = z.infer<typeof storeSchema>;
type StoredKey = Store['keys'][number];

/**
 * Decides whether a host key may be used: our own trust store (`known-hosts.json` in the data folder, keyed
 * `[host]:port` like OpenSSH) plus the user's `~/.ssh/known_hosts`, which is read and never written. The store is read
 * once and kept in memory; keys trusted in a burst (first contact with a 1,000-node pool) share a few durable writes.
 */
export class HostKeyTrust {
  private readonly store: CoalescedDocument<Store>;

  constructor(
    dataDir: string,
    private readonly knownHosts: KnownHostsFile,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.store = new CoalescedDocument(new JsonFile(join(dataDir, 'known-hosts.json'), storeSchema, () => ({ version: 1 as const, keys: [] })));
  }

  /** The verdict for `key` presented by `hostKeyId`. */
  async check(hostKeyId: string, key: HostKey): Promise<HostKeyVerdict> {
    const fromFile = await this.knownHosts.keysFor(hostKeyId);
    if (fromFile.some((entry) => entry.revoked && entry.blob.equals(key.blob))) return { verdict: 'revoked' };
    const ours = (await this.store.read()).keys.filter((k) => k.hostKeyId === hostKeyId);
    if (ours.some((k) => Buffer.from(k.key, 'base64').equals(key.blob))) return { verdict: 'trusted' };
    if (fromFile.some((entry) => !entry.revoked && entry.blob.equals(key.blob))) return { verdict: 'trusted' };
    const known: KnownHostKey[] = [
      ...ours.map((k) => ({ keyType: k.keyType, fingerprint: k.fingerprint, source: 'trust-store' as const })),
      ...fromFile
        .filter((entry) => !entry.revoked)
        .map((entry) => ({ keyType: entry.keyType, fingerprint: entry.fingerprint, source: 'known_hosts' as const })),
    ];
    const family = keyFamily(key.keyType);
    const sameFamily = known.filter((k) => keyFamily(k.keyType) === family);
    if (sameFamily.length > 0) return { verdict: 'changed', known: sameFamily };
    return { verdict: 'unknown', otherKnown: known };
  }

  /** Key families already known for a host, so negotiation can prefer them (as OpenSSH does). */
  async knownFamilies(hostKeyId: string): Promise<string[]> {
    const ours = (await this.store.read()).keys.filter((k) => k.hostKeyId === hostKeyId).map((k) => k.keyType);
    const fromFile = (await this.knownHosts.keysFor(hostKeyId)).filter((e) => !e.revoked).map((e) => e.keyType);
    return [...new Set([...ours, ...fromFile].map(keyFamily))];
  }

  /** Remembers `key` for `hostKeyId` (after the user said so), resolving once it is on disk; trusting the same key twice keeps one entry. */
  trust(hostKeyId: string, key: HostKey): Promise<void> {
    return this.store.update((document) => {
      if (document.keys.some((k) => k.hostKeyId === hostKeyId && k.fingerprint === key.fingerprint)) return { result: undefined };
      const entry: StoredKey = {
        hostKeyId,
        keyType: key.keyType,
        key: key.blob.toString('base64'),
        fingerprint: key.fingerprint,
        addedAt: this.clock().toISOString(),
      };
      return { document: { version: 1, keys: [...document.keys, entry] }, result: undefined };
    });
  }

  /** Our trusted keys of a host as OpenSSH known_hosts lines (`[host]:port type base64`), for a copied ssh command. */
  async knownHostsLines(hostKeyId: string): Promise<string[]> {
    return (await this.store.read()).keys.filter((k) => k.hostKeyId === hostKeyId).map((k) => `${hostKeyId} ${k.keyType} ${k.key}`);
  }

  /** Every key in our store. */
  async list(): Promise<TrustedHostKey[]> {
    return (await this.store.read()).keys.map(({ hostKeyId, keyType, fingerprint, addedAt }) => ({
      hostKeyId,
      keyType,
      fingerprint,
      addedAt,
    }));
  }

  /** Removes one key from our store, resolving once that is on disk; false when it was not there. */
  forget(hostKeyId: string, fingerprint: string): Promise<boolean> {
    return this.store.update((document) => {
      const keys = document.keys.filter((k) => !(k.hostKeyId === hostKeyId && k.fingerprint === fingerprint));
      return keys.length === document.keys.length ? { result: false } : { document: { version: 1, keys }, result: true };
    });
  }
}
