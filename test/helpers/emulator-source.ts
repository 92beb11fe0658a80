import { BatchServiceClient, BatchSharedKeyCredentials } from '@azure/batch';
import type { ActiveAccount, BatchClientSource } from '../../main/accounts/batch-client-source';
import { ContractFailure } from '../../contract/result';
import type { EmulatorProcess } from './emulator-process';

/** A BatchClientSource for one emulator, as the accounts feature builds it (SDK retries off), for tests and benches. */
export function emulatorSource(
  emulator: Pick<EmulatorProcess, 'accountName' | 'accountKey' | 'endpoint'>,
  accountId = 'sandbox',
): BatchClientSource & { client: BatchServiceClient; account: ActiveAccount } {
  const client = new BatchServiceClient(new BatchSharedKeyCredentials(emulator.accountName, emulator.accountKey), emulator.endpoint, {
    noRetryPolicy: true,
  });
  const account: ActiveAccount = { id: accountId, name: emulator.accountName, endpoint: emulator.endpoint, kind: 'sandbox' };
  return {
    client,
    account,
    active: async () => ({ account, client }),
    forAccount: async (id: string) => {
      if (id !== accountId) throw new ContractFailure('NOT_FOUND', `There is no account with id "${id}".`);
      return { account, client };
    },
    onActiveChange: () => () => undefined,
  };
}
