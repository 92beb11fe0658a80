import type { BatchRestClient } from './rest/batch-rest-client';

/** The account the rest of the app works against, as services see it (no secrets). */
export interface ActiveAccount {
  id: string;
  name: string;
  /** The Batch account URL, e.g. https://name.region.batch.azure.com or the sandbox's http://127.0.0.1:PORT. */
  endpoint: string;
  kind: 'sandbox' | 'sharedKey' | 'entra';
}

/** An account and its Batch client, which speaks api-version 2025-06-01 (main/batch/rest). */
export interface BatchContextClients {
  account: ActiveAccount;
  rest: BatchRestClient;
}

/**
 * How feature services (pools, images, nodes, provisioning) get a Batch client for the active account. Implemented
 * by the accounts feature; tests may implement it with a client built directly against the emulator.
 * The client resends in its pipeline (Retry-After honoured), so callers do not wrap it in a retry loop.
 */
export interface BatchClientSource {
  /** The active account and its client; throws ContractFailure('NO_ACCOUNT') when none is active or ready. */
  active(): Promise<BatchContextClients>;
  /**
   * The named account and its client, whatever is active now: every request from the renderer names its account, so
   * an action started in one window never runs against an account another window switched to. Throws
   * ContractFailure('NOT_FOUND') when the account no longer exists, NO_ACCOUNT / SIGN_IN_REQUIRED when it cannot be used.
   */
  forAccount(accountId: string): Promise<BatchContextClients>;
  /** Calls `listener` whenever the active account changes; returns the unsubscribe function. */
  onActiveChange(listener: (account: ActiveAccount | undefined) => void): () => void;
}
