import { ContractFailure } from '../../contract/result';
import { batchAccountNamePattern as accountNamePattern } from '../../contract/features/account-name';
import { isLoopbackHost } from '../net/proxy-config';

/** A shared-key account as typed by the user, checked and normalised. */
export interface SharedKeyInput {
  /** The Batch account name (what SharedKey signs with). */
  name: string;
  /** Scheme + host[:port], no path (the SDK drops any path). */
  endpoint: string;
  key: string;
}

/** Hosts of Azure Batch accounts in the public and sovereign clouds: `<name>.<region>.batch.azure.com` and kin. */
const batchHostPattern = /^([a-z0-9]+)\.[a-z0-9-]+\.batch\.(azure\.com|chinacloudapi\.cn|usgovcloudapi\.net)$/;

/**
 * Checks name, URL and key before any network call; each problem gets its own message naming the field.
 * Throws ContractFailure('INVALID_PAYLOAD') with `details.field`.
 */
export function parseSharedKeyInput(raw: { name: string; url: string; key: string }): SharedKeyInput {
  return { ...parseSharedKeyTarget(raw), key: parseAccountKey(raw.key) };
}

/** Checks and normalises the account name and URL (what a key signs for), without the key. */
export function parseSharedKeyTarget(raw: { name: string; url: string }): Omit<SharedKeyInput, 'key'> {
  const name = raw.name.trim();
  if (!accountNamePattern.test(name)) {
    throw invalid('name', `The account name "${name}" is not valid: Batch account names are 3 to 24 lower-case letters and digits.`);
  }
  return { name, endpoint: parseAccountUrl(raw.url, name) };
}

/** Parses a Batch account URL; a missing scheme means https (the Azure portal shows the URL without one). */
export function parseAccountUrl(rawUrl: string, name?: string): string {
  const text = rawUrl.trim();
  if (!text) throw invalid('url', 'The account URL is empty. Copy it from the Azure portal (Batch account → Keys → URL).');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw invalid('url', `"${text}" is not a URL. It looks like https://<account>.<region>.batch.azure.com.`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(host))) {
    throw invalid('url', `The account URL must use https:// (plain http:// is allowed only for 127.0.0.1), not ${url.protocol}//.`);
  }
  if (url.username || url.password) throw invalid('url', 'The account URL must not contain a user name or password.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw invalid('url', `The account URL must be just the scheme and host, without a path or query: ${url.protocol}//${url.host}.`);
  }
  const match = batchHostPattern.exec(host);
  if (name && match && match[1] !== name) {
    throw invalid('url', `The URL belongs to the account "${match[1]}", but the name says "${name}". Use the same account's name and URL.`);
  }
  return `${url.protocol}//${url.host}`;
}

/** Checks that a key is canonical base64 of at least 16 bytes (Batch keys are 64 bytes, 88 characters). */
export function parseAccountKey(rawKey: string): string {
  const key = rawKey.trim();
  if (!key) throw invalid('key', 'The account key is empty. Copy the primary or secondary key from the Azure portal.');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0) {
    throw invalid('key', 'The account key is not base64. Copy it again from the Azure portal (Batch account → Keys); it ends with "==" and has no spaces.');
  }
  if (Buffer.from(key, 'base64').length < 16) throw invalid('key', 'The account key is too short to be a Batch account key.');
  return key;
}

/** A validation failure for one field. */
export function invalid(field: 'name' | 'url' | 'key', message: string): ContractFailure {
  return new ContractFailure('INVALID_PAYLOAD', message, { field });
}
