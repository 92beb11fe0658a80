import { ContractFailure } from '../../contract/result';

/** The user's answer to an unknown host key. */
export type HostKeyDecision = 'trust' | 'reject';

/**
 * Connections waiting for the user to decide about an unknown host key, keyed by host and fingerprint: one answer
 * settles every connection that saw the same key from the same host (e.g. several tabs opened to one node).
 */
export class HostKeyPrompts {
  private readonly waiting = new Map<string, Set<(decision: HostKeyDecision) => void>>();

  /** Waits for the decision about `fingerprint` from `hostKeyId`; `signal` aborting counts as a rejection. */
  ask(hostKeyId: string, fingerprint: string, signal?: AbortSignal): Promise<HostKeyDecision> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve('reject');
      const id = promptKey(hostKeyId, fingerprint);
      const set = this.waiting.get(id) ?? new Set();
      const settle = (decision: HostKeyDecision): void => {
        set.delete(settle);
        if (set.size === 0) this.waiting.delete(id);
        signal?.removeEventListener('abort', onAbort);
        resolve(decision);
      };
      const onAbort = (): void => settle('reject');
      signal?.addEventListener('abort', onAbort, { once: true });
      set.add(settle);
      this.waiting.set(id, set);
    });
  }

  /** Settles every connection waiting on this key; NOT_FOUND when none waits (the answer changes nothing). */
  decide(hostKeyId: string, fingerprint: string, decision: HostKeyDecision): number {
    const set = this.waiting.get(promptKey(hostKeyId, fingerprint));
    if (!set || set.size === 0) {
      throw new ContractFailure('NOT_FOUND', `No connection to ${hostKeyId} is waiting for a decision about ${fingerprint}.`);
    }
    const waiters = [...set];
    for (const settle of waiters) settle(decision);
    return waiters.length;
  }
}

/** The map key of one prompt. */
function promptKey(hostKeyId: string, fingerprint: string): string {
  return `${hostKeyId}\n${fingerprint}`;
}
