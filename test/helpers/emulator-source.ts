import { BatchServiceClient, BatchSharedKeyCredentials } from '@azure/batch';
import type { ActiveAccount, BatchClientSource } from '../../main/batch/batch-client-source';
import { ContractFailure } from '../../contract/result';
import { createBatchRestClient, type BatchRestClient, type BatchRetryOptions } from '../../main/batch/rest/batch-rest-client';
import type { EmulatorProcess } from './emulator-process';

/**
 * A BatchClientSource for one emulator, as the accounts feature builds it, for tests and benches; `client` is the
 * @azure/batch 10.2.0 SDK beside it, for setting up what a test needs the way an older client would.
 */
export function emulatorSource(
  emulator: Pick<EmulatorProcess, 'accountName' | 'accountKey' | 'endpoint'>,
  accountId = 'sandbox',
  /** The 2025-06-01 client's resends (tests shorten the backoff); the app's defaults when absent. */
  retry?: BatchRetryOptions,
): BatchClientSource & { client: BatchServiceClient; rest: BatchRestClient; account: ActiveAccount } {
  const client = new BatchServiceClient(new BatchSharedKeyCredentials(emulator.accountName, emulator.accountKey), emulator.endpoint, {
    noRetryPolicy: true,
  });
  const auth = { kind: 'sharedKey' as const, accountName: emulator.accountName, key: emulator.accountKey };
  const rest = createBatchRestClient({ endpoint: emulator.endpoint, auth, ...(retry ? { retry } : {}) });
  const account: ActiveAccount = { id: accountId, name: emulator.accountName, endpoint: emulator.endpoint, kind: 'sandbox' };
  return {
    client,
    rest,
    account,
    active: async () => ({ account, rest }),
    forAccount: async (id: string) => {
      if (id !== accountId) throw new ContractFailure('NOT_FOUND', `There is no account with id "${id}".`);
      return { account, rest };
    },
    onActiveChange: () => () => undefined,
  };
}
