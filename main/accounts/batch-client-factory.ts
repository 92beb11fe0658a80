import { BatchServiceClient, BatchSharedKeyCredentials } from '@azure/batch';
import type { AzureServiceClientOptions } from '@azure/ms-rest-azure-js';
import type { ServiceClientCredentials, WebResourceLike } from '@azure/ms-rest-js';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { ProxyChoice } from './net/proxy-config';
import { createBatchRestClient, type BatchAuth, type BatchRestClient, type BatchRetryOptions } from '../batch/rest/batch-rest-client';

/**
 * Signs Batch requests with an Entra ID bearer token for the Batch resource. The 10.2.0 client asks a plain
 * TokenCredential for the ARM scope, so the token is fetched here for `https://batch.core.windows.net//.default`
 * (batch-api/NOTES.md). `getToken` refreshes silently through msal-node.
 */
export class BearerTokenSigner implements ServiceClientCredentials {
  constructor(private readonly getToken: () => Promise<string>) {}

  async signRequest(webResource: WebResourceLike): Promise<WebResourceLike> {
    webResource.headers.set('authorization', `Bearer ${await this.getToken()}`);
    return webResource;
  }
}

/**
 * Builds Batch clients the way every feature needs them: the SDK's retry policy off (callers own retries,
 * main/batch/retry.ts), and the app's proxy decision applied. A direct connection gets its own agents, because the
 * SDK would otherwise apply HTTPS_PROXY from the environment even to loopback or NO_PROXY hosts.
 */
export class BatchClientFactory {
  private readonly agents: (http.Agent | https.Agent)[] = [];

  constructor(
    private readonly proxyFor: (url: string) => Promise<ProxyChoice>,
    private readonly extraCa: string[] = [],
  ) {}

  /** A client signing with the account's shared key. */
  async sharedKey(endpoint: string, accountName: string, key: string): Promise<BatchServiceClient> {
    return new BatchServiceClient(new BatchSharedKeyCredentials(accountName, key), endpoint, await this.options(endpoint));
  }

  /** A client sending a bearer token that `getToken` provides (and refreshes). */
  async bearer(endpoint: string, getToken: () => Promise<string>): Promise<BatchServiceClient> {
    return new BatchServiceClient(new BearerTokenSigner(getToken), endpoint, await this.options(endpoint));
  }

  /** The api-version 2025-06-01 client for the same endpoint and credentials, through the same proxy choice and CAs. */
  rest(endpoint: string, auth: BatchAuth, retry?: BatchRetryOptions): BatchRestClient {
    return createBatchRestClient({ endpoint, auth, proxyFor: this.proxyFor, extraCa: this.extraCa, ...(retry ? { retry } : {}) });
  }

  /** Closes pooled connections (app shutdown). */
  dispose(): void {
    for (const agent of this.agents.splice(0)) agent.destroy();
  }

  private async options(endpoint: string): Promise<AzureServiceClientOptions> {
    const { proxyUrl } = await this.proxyFor(endpoint);
    if (proxyUrl) {
      const proxy = new URL(proxyUrl);
      return {
        noRetryPolicy: true,
        proxySettings: {
          host: `${proxy.protocol}//${proxy.hostname}`,
          port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
          ...(proxy.username ? { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) } : {}),
        },
      };
    }
    const httpAgent = new http.Agent({ keepAlive: true });
    const httpsAgent = new https.Agent({ keepAlive: true, ...(this.extraCa.length ? { ca: [...tls.rootCertificates, ...this.extraCa] } : {}) });
    this.agents.push(httpAgent, httpsAgent);
    return { noRetryPolicy: true, agentSettings: { http: httpAgent, https: httpsAgent } };
  }
}
