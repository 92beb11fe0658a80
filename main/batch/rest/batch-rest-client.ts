import { getClient } from '@azure-rest/core-client';
import { proxyPolicyName } from '@azure/core-rest-pipeline';
import tls from 'node:tls';
import { isLoopbackHost } from '../../net/proxy-config';
import { attemptTimeoutPolicy } from './attempt-timeout-policy';
import { BatchRequester } from './batch-requester';
import { CallRegistry } from './call-registry';
import { batchBearerPolicy, tokenCredentialFrom } from './entra-credential';
import { accountOperations } from './operations/account-operations';
import { jobOperations } from './operations/job-operations';
import { nodeFileOperations } from './operations/node-file-operations';
import { nodeOperations } from './operations/node-operations';
import { poolOperations } from './operations/pool-operations';
import { taskFileOperations } from './operations/task-file-operations';
import { taskOperations } from './operations/task-operations';
import { proxyChoicePolicy, type ProxyFor } from './proxy-choice-policy';
import { retryObserverPolicy } from './retry-observer-policy';
import { sharedKeyPolicy } from './shared-key-policy';

/** The Batch data-plane api-version every request carries. */
export const batchApiVersion = '2025-06-01';

/** How requests are signed. */
export type BatchAuth =
  | { kind: 'sharedKey'; accountName: string; key: string }
  /** `getToken` returns a Batch-scoped access token (msal-node refreshes it silently). */
  | { kind: 'entra'; getToken: () => Promise<string> };

/** Resend policy: the pipeline's default retry policy (Retry-After for 429/503, exponential backoff for 5xx and drops). */
export interface BatchRetryOptions {
  /** Resends after the first attempt; default 4. */
  maxRetries?: number;
  /** First backoff when the service gives no Retry-After; default 500 ms. */
  retryDelayMs?: number;
  /** Longest backoff; default 30 s. */
  maxRetryDelayMs?: number;
}

/** Everything a client needs. */
export interface BatchRestClientOptions {
  /** https://<account>.<region>.batch.azure.com, or the sandbox's http://127.0.0.1:PORT. */
  endpoint: string;
  auth: BatchAuth;
  /** The app's proxy decision per URL; default: always direct. */
  proxyFor?: ProxyFor;
  /** Extra PEM certificate authorities (corporate TLS inspection, test authorities), on top of Node's roots. */
  extraCa?: string[];
  /** Product token sent first in User-Agent, e.g. `BatchDeck/0.1.0`. */
  userAgent?: string;
  retry?: BatchRetryOptions;
}

/** A typed Batch data-plane client for api-version 2025-06-01. */
export type BatchRestClient = ReturnType<typeof createBatchRestClient>;

/**
 * Builds the client on Azure's REST runtime: `getClient` from @azure-rest/core-client with the api-version policy, the
 * pipeline's retry, user-agent and TLS policies, the app's proxy choice in place of the environment-only proxy policy,
 * and SharedKey or bearer-token signing in the Sign phase (so every resend is signed afresh).
 */
export function createBatchRestClient(options: BatchRestClientOptions) {
  const url = new URL(options.endpoint);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname.replace(/^\[|\]$/g, '')))) {
    throw new Error(`A Batch endpoint must use https (plain http only for a loopback sandbox): ${options.endpoint}`);
  }
  const maxRetries = options.retry?.maxRetries ?? 4;
  const registry = new CallRegistry();
  const client = getClient(url.origin, {
    apiVersion: batchApiVersion,
    allowInsecureConnection: url.protocol === 'http:',
    retryOptions: { maxRetries, retryDelayInMs: options.retry?.retryDelayMs ?? 500, maxRetryDelayInMs: options.retry?.maxRetryDelayMs ?? 30_000 },
    userAgentOptions: { userAgentPrefix: options.userAgent ?? 'BatchDeck' },
    telemetryOptions: { clientRequestIdHeaderName: 'client-request-id' },
    ...(options.extraCa?.length ? { tlsOptions: { ca: [...tls.rootCertificates, ...options.extraCa] } } : {}),
  });
  client.pipeline.removePolicy({ name: proxyPolicyName });
  client.pipeline.addPolicy(proxyChoicePolicy(options.proxyFor ?? (async () => ({})), options.extraCa));
  client.pipeline.addPolicy(retryObserverPolicy(registry, maxRetries), { afterPhase: 'Retry' });
  client.pipeline.addPolicy(attemptTimeoutPolicy(registry), { afterPhase: 'Retry' });
  const auth = options.auth;
  client.pipeline.addPolicy(
    auth.kind === 'sharedKey' ? sharedKeyPolicy(auth.accountName, auth.key) : batchBearerPolicy(tokenCredentialFrom(auth.getToken)),
    { phase: 'Sign' },
  );
  const requester = new BatchRequester(client, registry, url.origin);
  return {
    endpoint: url.origin,
    account: accountOperations(requester),
    pools: poolOperations(requester),
    nodes: nodeOperations(requester),
    nodeFiles: nodeFileOperations(requester),
    jobs: jobOperations(requester),
    tasks: taskOperations(requester),
    taskFiles: taskFileOperations(requester),
    /** The raw requester, for operations not typed yet. */
    requester,
  };
}
