import type { ProxyChoice } from '../net/proxy-config';
import { createBatchRestClient, type BatchAuth, type BatchRestClient, type BatchRetryOptions } from '../batch/rest/batch-rest-client';

/**
 * Builds Batch clients the way every feature needs them: api-version 2025-06-01 (main/batch/rest), the app's proxy
 * decision per request and its extra certificate authorities. Entra ID accounts sign with a Batch-scoped bearer token
 * that `getToken` refreshes silently (batch-api/NOTES.md).
 */
export class BatchClientFactory {
  constructor(
    private readonly proxyFor: (url: string) => Promise<ProxyChoice>,
    private readonly extraCa: string[] = [],
  ) {}

  /** A client for the endpoint and credentials; `retry` overrides the pipeline's resends (an account check sends once). */
  rest(endpoint: string, auth: BatchAuth, retry?: BatchRetryOptions): BatchRestClient {
    return createBatchRestClient({ endpoint, auth, proxyFor: this.proxyFor, extraCa: this.extraCa, ...(retry ? { retry } : {}) });
  }
}
