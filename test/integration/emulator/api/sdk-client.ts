import { BatchServiceClient, BatchSharedKeyCredentials } from '@azure/batch';
import type { EmulatorProcess } from '../../../helpers/emulator-process';

/** The real 10.2.0 SDK pointed at a test emulator, with the SDK's own retries off so faults show at once. */
export function sdkClient(emulator: Pick<EmulatorProcess, 'accountName' | 'accountKey' | 'endpoint'>, key = emulator.accountKey): BatchServiceClient {
  return new BatchServiceClient(new BatchSharedKeyCredentials(emulator.accountName, key), emulator.endpoint, { noRetryPolicy: true });
}

/** An image and agent pair from today's catalogue. */
export const JAMMY = {
  imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' },
  nodeAgentSKUId: 'batch.node.ubuntu 22.04',
};

/** An inbound NAT pool that gives every node SSH (frontend ports from `start`). */
export function sshNatPool(start: number) {
  return {
    endpointConfiguration: {
      inboundNATPools: [{ name: 'ssh', protocol: 'tcp' as const, backendPort: 22, frontendPortRangeStart: start, frontendPortRangeEnd: start + 99 }],
    },
  };
}

/** What a failed SDK call carries (10.2.0: err.message is an object; read err.body). */
export interface SdkError {
  statusCode: number;
  code: string;
  body: { code: string; message: { lang: string; value: string }; values?: { key: string; value: string }[] };
}

/** Runs a call expected to fail and returns the service error it produced. */
export async function failureOf(call: () => Promise<unknown>): Promise<SdkError> {
  try {
    await call();
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

export { eventually } from '../../../helpers/eventually';
