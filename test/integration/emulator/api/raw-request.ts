import { WebResource } from '@azure/ms-rest-js';
import { BatchSharedKeyCredentials } from '@azure/batch';
import type { EmulatorProcess } from '../../../helpers/emulator-process';

/** What a raw HTTP answer carried. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> | undefined;
}

/** Options of a raw request. */
export interface RawOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Sign with this key instead of the account key; `false` sends no Authorization header. */
  key?: string | false;
}

/**
 * Sends one HTTP request to the emulator, signed by the real SDK's SharedKey signer, for paths and parameters
 * the SDK would not produce (wrong api-version, unknown paths, admin endpoints).
 */
export async function rawRequest(emulator: Pick<EmulatorProcess, 'endpoint' | 'accountName' | 'accountKey'>, method: string, pathAndQuery: string, opts: RawOptions = {}): Promise<RawResponse> {
  const url = `${emulator.endpoint}${pathAndQuery}`;
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { 'ocp-date': new Date().toUTCString(), ...opts.headers };
  if (body !== undefined) headers['Content-Type'] ??= 'application/json; odata=minimalmetadata; charset=utf-8';
  if (opts.key !== false) {
    const resource = new WebResource(url, method as 'GET', body, undefined, headers);
    await new BatchSharedKeyCredentials(emulator.accountName, opts.key ?? emulator.accountKey).signRequest(resource);
    for (const h of resource.headers.headersArray()) headers[h.name] = h.value;
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
