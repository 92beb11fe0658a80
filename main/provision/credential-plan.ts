import type { RequestOut } from '../../contract/channels';
import { ContractFailure } from '../../contract/result';
import type { ActiveAccount } from '../batch/batch-client-source';
import type { ManagedKeyStore } from '../keys/managed-key-store';
import type { SecretRedactor } from '../log';
import type { SecretStore } from '../store/secret-store';
import { generatePassword } from './password-generator';
import { passwordSecretName, type UserRecord } from './user-registry';

/** What the credential of one apply is: what every node gets, which password version that is, and extra nodes. */
export interface CredentialPlan {
  password?: string;
  sshPublicKey?: string;
  /** The password version the nodes get (0 for key users). */
  passwordVersion: number;
  /** The operator's own key, remembered in the record (it is public). */
  publicKey?: string;
  /** Nodes outside the request that must get the new password too (a rotation reaches every node that has the user). */
  alsoNodes: string[];
}

/** What planning reads and writes. */
export interface CredentialPlanDeps {
  keys: ManagedKeyStore;
  secrets: SecretStore;
  redactor: SecretRedactor;
}

const authWords = { managedKey: 'the managed key', publicKey: 'its own public key', password: 'a password' } as const;

/** Nodes where the record says the user is now. */
export function presentNodes(record: UserRecord | undefined): string[] {
  return record ? Object.entries(record.nodes).filter(([, node]) => node.present).map(([id]) => id) : [];
}

/**
 * Decides the credential of an apply without ever replacing one silently: an existing password is reused unless the
 * operator asks to rotate it (then every node that has the user gets the new one); a different sign-in kind or
 * public key for a user that nodes still have is refused, so no node is left with a credential nobody holds.
 * New passwords are stored (as a new version) before any node gets them.
 */
export async function planCredential(
  deps: CredentialPlanDeps,
  account: ActiveAccount,
  request: RequestOut<'provision:apply'>,
  existing: UserRecord | undefined,
): Promise<CredentialPlan> {
  const { auth, userName, poolId } = request;
  const holders = presentNodes(existing);
  if (existing && holders.length > 0 && existing.authKind !== auth.kind) {
    throw new ContractFailure(
      'CONFLICT',
      `${userName} signs in with ${authWords[existing.authKind]} on ${holders.length} node(s) of ${poolId}. Choose the same sign-in, or remove the user first.`,
    );
  }
  switch (auth.kind) {
    case 'managedKey':
      return { sshPublicKey: await deps.keys.publicKey(account.id, account.name), passwordVersion: 0, alsoNodes: [] };
    case 'publicKey': {
      const key = auth.publicKey.trim();
      if (existing?.authKind === 'publicKey' && holders.length > 0 && existing.publicKey !== undefined && existing.publicKey !== key) {
        throw new ContractFailure('CONFLICT', `${userName} has a different public key on ${holders.length} node(s). Remove the user first to give it another key.`);
      }
      return { sshPublicKey: key, publicKey: key, passwordVersion: 0, alsoNodes: [] };
    }
    case 'password':
      return planPassword(deps, account.id, request, existing?.authKind === 'password' ? existing : undefined, holders);
  }
}

async function planPassword(
  deps: CredentialPlanDeps,
  accountId: string,
  request: RequestOut<'provision:apply'>,
  existing: UserRecord | undefined,
  holders: string[],
): Promise<CredentialPlan> {
  const { userName, poolId } = request;
  const typed = request.auth.kind === 'password' ? request.auth.password : undefined;
  const current = existing ? await deps.secrets.get(passwordSecretName(accountId, poolId, userName, existing.passwordVersion)) : undefined;
  if (current !== undefined && !request.rotatePassword) {
    if (typed !== undefined && typed !== current) {
      throw new ContractFailure(
        'CONFLICT',
        `${userName} already has a password on ${holders.length} node(s). To change it on every node, choose "Change the password"; otherwise leave the password empty to keep the current one.`,
      );
    }
    deps.redactor.add(current);
    return { password: current, passwordVersion: existing?.passwordVersion ?? 0, alsoNodes: [] };
  }
  if (existing && current === undefined && holders.length > 0 && !request.rotatePassword) {
    throw new ContractFailure(
      'CONFLICT',
      `The password of ${userName} is no longer in Batch Deck's secret store, but ${holders.length} node(s) have the user. Choose "Change the password" to set a new one on every node.`,
    );
  }
  const password = typed ?? generatePassword();
  deps.redactor.add(password);
  const version = existing ? existing.passwordVersion + 1 : 0;
  await deps.secrets.set(passwordSecretName(accountId, poolId, userName, version), password);
  const requested = new Set(request.nodes === 'all' ? [] : request.nodes);
  return { password, passwordVersion: version, alsoNodes: request.nodes === 'all' ? [] : holders.filter((id) => !requested.has(id)) };
}
