import { utils } from 'ssh2';
import { z } from 'zod';
import { ContractFailure } from '../../contract/result';
import type { SecretRedactor } from '../log';
import type { SecretStore } from '../store/secret-store';
import { parseJsonOrUndefined } from '../store/parse-json';

/** An OpenSSH key pair: `private` in OpenSSH PEM, `public` as one `ssh-ed25519 AAAA… comment` line. */
export interface SshKeyPair {
  private: string;
  public: string;
}

/**
 * Makes a fresh ed25519 key pair in OpenSSH format (the format both ssh2 and `ssh -i` read). ssh2 1.17's generator
 * drops a leading zero byte of the public key in about 1 key of 256, giving a key nothing can parse: such pairs are
 * drawn again.
 */
export function generateEd25519KeyPair(comment: string): SshKeyPair {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    if (utils.parseKey(pair.private) instanceof Error || utils.parseKey(pair.public) instanceof Error) continue;
    return { private: pair.private.endsWith('\n') ? pair.private : `${pair.private}\n`, public: pair.public.trim() };
  }
}

/** The key blob of an OpenSSH public key line (`ssh-ed25519 AAAA… comment`): what fingerprints are taken of. */
export function publicKeyBlob(publicKeyLine: string): Buffer {
  return Buffer.from(publicKeyLine.trim().split(/\s+/)[1] ?? '', 'base64');
}

const storedPairSchema = z.object({ private: z.string(), public: z.string(), createdAt: z.string() });

/** Secret-store name of an account's managed key pair. */
export function managedKeySecretName(accountId: string): string {
  return `keys/managed/${accountId}`;
}

/**
 * One ed25519 key pair per account, generated in main on first use. The pair lives only in the SecretStore (the
 * private half is registered with the log redactor the moment it is read); the public half is what nodes get.
 */
export class ManagedKeyStore {
  private readonly creating = new Map<string, Promise<SshKeyPair>>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly redactor: SecretRedactor,
    private readonly generate: (comment: string) => SshKeyPair = generateEd25519KeyPair,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The account's public key line (the pair is created on first use). */
  async publicKey(accountId: string, accountName: string): Promise<string> {
    return (await this.pair(accountId, accountName)).public;
  }

  /** The account's private key (OpenSSH PEM). Main only: never send it to the renderer. */
  async privateKey(accountId: string, accountName: string): Promise<string> {
    return (await this.pair(accountId, accountName)).private;
  }

  /** Reads or creates the pair; concurrent first uses share one generation so nodes never get two different keys. */
  private pair(accountId: string, accountName: string): Promise<SshKeyPair> {
    const inFlight = this.creating.get(accountId);
    if (inFlight) return inFlight;
    const work = this.readOrCreate(accountId, accountName).finally(() => this.creating.delete(accountId));
    this.creating.set(accountId, work);
    return work;
  }

  private async readOrCreate(accountId: string, accountName: string): Promise<SshKeyPair> {
    const name = managedKeySecretName(accountId);
    const stored = await this.secrets.get(name);
    if (stored !== undefined) {
      const parsed = storedPairSchema.safeParse(parseJsonOrUndefined(stored));
      if (!parsed.success) throw new ContractFailure('INTERNAL', `The managed key of account ${accountName} is damaged in the secret store.`);
      this.redactor.add(parsed.data.private);
      return parsed.data;
    }
    const pair = this.generate(`batch-deck@${accountName}`);
    this.redactor.add(pair.private);
    await this.secrets.set(name, JSON.stringify({ ...pair, createdAt: this.now().toISOString() }));
    return pair;
  }
}
