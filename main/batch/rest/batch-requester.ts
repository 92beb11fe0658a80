import type { Client } from '@azure-rest/core-client';
import { isRestError, type RawHttpHeaders } from '@azure/core-rest-pipeline';
import { BatchServiceError, errorFromResponse } from './batch-service-error';
import { callIdHeader, type CallRegistry, type RetryNotice } from './call-registry';
import type { BatchListPage } from './models/common';
import { NotResentError } from './retry-observer-policy';
import { parseJsonOrUndefined } from '../../store/parse-json';

/** What every operation accepts: cancellation and a hook for retry progress. */
export interface CallOptions {
  /** Cancels the request, and any wait before a resend. */
  signal?: AbortSignal;
  /** Hears each resend before it happens (429/503 with Retry-After, 5xx, dropped connections). */
  onRetry?: (notice: RetryNotice) => void;
  /** Deadline of each attempt (a late one is resent like a dropped connection), default 60 s; 0 for none (file downloads). */
  timeoutMs?: number;
}

/** List options: OData `$select`/`$filter`, page size, and running progress. */
export interface ListOptions extends CallOptions {
  select?: string[];
  filter?: string;
  /** 1–1000 (1–10 for node counts); the service default when absent. */
  maxResults?: number;
  /** Hears the number of items loaded after every page. */
  onPage?: (loaded: number) => void;
}

/** One request: method, path (segments already encoded), query, body, and the statuses that mean success. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  expect: readonly number[];
  /** False for creates: not resent after a connection that dropped once the request was out. Default true. */
  resendAfterDrop?: boolean;
}

/** A successful answer. */
export interface BatchResponse<T> {
  status: number;
  headers: RawHttpHeaders;
  body: T;
}

/** Batch wants this exact content type on request bodies. */
const jsonBody = 'application/json; odata=minimalmetadata';

/** A path built from literal parts and values; each value becomes one percent-encoded segment (so `a/b` stays one). */
export function batchPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((path, part, i) => path + part + (i < values.length ? encodeURIComponent(values[i] as string) : ''), '');
}

/** `$select`/`$filter`/`maxresults` as query parameters. */
export function listQuery(options: ListOptions): Record<string, string | number | undefined> {
  return {
    ...(options.select?.length ? { $select: options.select.join(',') } : {}),
    ...(options.filter ? { $filter: options.filter } : {}),
    ...(options.maxResults !== undefined ? { maxresults: options.maxResults } : {}),
  };
}

/**
 * Sends Batch requests through the client's pipeline (signing, retries, proxy) and turns every failure into a
 * BatchServiceError; cancellation stays an AbortError. Paging follows `odata.nextLink` on the account's own origin.
 */
export class BatchRequester {
  private readonly origin: string;

  constructor(
    private readonly client: Client,
    private readonly registry: CallRegistry,
    endpoint: string,
  ) {
    this.origin = new URL(endpoint).origin;
  }

  /** Sends one request and parses a JSON answer. */
  async send<T = unknown>(spec: RequestSpec, options: CallOptions = {}): Promise<BatchResponse<T>> {
    return this.exchange(spec, options, async (resource, parameters) => {
      const response = await resource[verb(spec.method)](parameters);
      return { status: Number(response.status), headers: response.headers, body: response.body as unknown };
    }) as Promise<BatchResponse<T>>;
  }

  /** Sends one request and returns the answer's bytes (file content); an error body is still read as JSON. */
  async sendForBytes(spec: RequestSpec, options: CallOptions = {}): Promise<BatchResponse<Buffer>> {
    return this.exchange(spec, { timeoutMs: 0, ...options }, async (resource, parameters) => {
      const response = await resource[verb(spec.method)](parameters).asNodeStream();
      const chunks: Buffer[] = [];
      if (response.body) for await (const chunk of response.body) chunks.push(Buffer.from(chunk as Uint8Array));
      const bytes = Buffer.concat(chunks);
      const status = Number(response.status);
      return { status, headers: response.headers, body: spec.expect.includes(status) ? bytes : parseJsonOrUndefined(bytes) };
    }) as Promise<BatchResponse<Buffer>>;
  }

  /** Every item of a list, page after page. */
  async listAll<T>(path: string, options: ListOptions = {}, extraQuery: Record<string, string | number | undefined> = {}): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages<T>(path, options, extraQuery)) {
      items.push(...page);
      options.onPage?.(items.length);
    }
    return items;
  }

  /** The pages of a list; the next link is requested as the service wrote it (it carries api-version and $skiptoken). */
  async *pages<T>(path: string, options: ListOptions = {}, extraQuery: Record<string, string | number | undefined> = {}): AsyncGenerator<T[]> {
    let page = await this.page<T>(path, options, extraQuery);
    yield page.items;
    while (page.nextLink) {
      page = await this.page<T>(path, options, {}, page.nextLink);
      yield page.items;
    }
  }

  /**
   * One page of a list: the first (with `$select`/`$filter`/`maxresults`), or the one a previous page's `nextLink`
   * names. A next link on another host than the account's is refused, never requested.
   */
  async page<T>(path: string, options: ListOptions = {}, extraQuery: Record<string, string | number | undefined> = {}, nextLink?: string): Promise<{ items: T[]; nextLink?: string }> {
    const spec = nextLink ? { path: nextLink } : { path, query: { ...listQuery(options), ...extraQuery } };
    const body = (await this.send<BatchListPage<T>>({ method: 'GET', ...spec, expect: [200] }, options)).body;
    const next = body['odata.nextLink'];
    if (next && new URL(next).origin !== this.origin) {
      throw new BatchServiceError('UntrustedNextLink', `Batch answered with a next page on another host (${new URL(next).host}); it was not requested.`, []);
    }
    return { items: body.value ?? [], ...(next ? { nextLink: next } : {}) };
  }

  private async exchange(
    spec: RequestSpec,
    options: CallOptions,
    run: (resource: ReturnType<Client['pathUnchecked']>, parameters: Parameters<ReturnType<Client['pathUnchecked']>['get']>[0]) => Promise<BatchResponse<unknown>>,
  ): Promise<BatchResponse<unknown>> {
    const callId = this.registry.open({ onRetry: options.onRetry, resendAfterDrop: spec.resendAfterDrop ?? true, timeoutMs: options.timeoutMs ?? 60_000 });
    try {
      const response = await run(this.client.pathUnchecked(spec.path), {
        headers: { ...spec.headers, [callIdHeader]: callId },
        ...(spec.query ? { queryParameters: definedOnly(spec.query) } : {}),
        ...(spec.body !== undefined ? { body: spec.body, contentType: jsonBody } : {}),
        ...(options.signal ? { abortSignal: options.signal } : {}),
      });
      if (!spec.expect.includes(response.status)) throw errorFromResponse(response.status, response.body, response.headers);
      return response;
    } catch (error) {
      throw asBatchError(error, options.signal);
    } finally {
      this.registry.close(callId);
    }
  }
}

function verb(method: RequestSpec['method']): 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' {
  return method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
}

function definedOnly(query: Record<string, string | number | undefined>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
}

/** A thrown pipeline error as a BatchServiceError; an abort stays as it is so callers can tell cancellation apart. */
function asBatchError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (error instanceof BatchServiceError) return error;
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) return error;
  if (error instanceof NotResentError) {
    const message = `The connection dropped after the request was sent (${error.code}); it was not sent again because Batch may already have acted on it. Check before trying again.`;
    return new BatchServiceError(error.code, message, []);
  }
  if (isRestError(error)) {
    if (error.response) return errorFromResponse(error.response.status, parseJsonOrUndefined(error.response.bodyAsText ?? ''), error.response.headers);
    return new BatchServiceError(error.code ?? 'REQUEST_SEND_ERROR', error.message, []);
  }
  return error;
}
