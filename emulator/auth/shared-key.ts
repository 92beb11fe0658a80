import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How far `ocp-date` may be from the emulator's clock, as the service allows. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** What SharedKey verification needs from a request. */
export interface SignedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** Path as sent, still percent-encoded. */
  rawPath: string;
  /** Query parameters decoded as the client's signer decodes them. */
  query: ReadonlyMap<string, string>;
}

/** The outcome: ok, or the AuthenticationErrorDetail to report. */
export type VerifyResult = { ok: true } | { ok: false; detail: string };

function one(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

/**
 * The string to sign for a Batch SharedKey request (docs: "Authenticate requests to the Azure Batch service").
 * `contentLength` is passed in because body-less requests may sign `0` or nothing depending on the client.
 */
export function stringToSign(request: SignedRequest, account: string, contentLength: string): string {
  const h = request.headers;
  const standard = [
    request.method.toUpperCase(),
    one(h, 'content-encoding'),
    one(h, 'content-language'),
    contentLength,
    one(h, 'content-md5'),
    one(h, 'content-type'),
    one(h, 'date'),
    one(h, 'if-modified-since'),
    one(h, 'if-match'),
    one(h, 'if-none-match'),
    one(h, 'if-unmodified-since'),
    one(h, 'range'),
  ];
  let text = standard.map((v) => `${v}\n`).join('');
  const ocp = Object.keys(h)
    .filter((name) => name.toLowerCase().startsWith('ocp-') && one(h, name) !== '')
    .map((name) => name.toLowerCase())
    .sort();
  for (const name of ocp) text += `${name}:${one(h, name)}\n`;
  text += `/${account}${request.rawPath}`;
  for (const name of [...request.query.keys()].sort()) text += `\n${name}:${request.query.get(name)}`;
  return text;
}

/** Signs a string to sign with a base64 account key. */
export function sign(text: string, base64Key: string): string {
  return createHmac('sha256', Buffer.from(base64Key, 'base64')).update(text, 'utf8').digest('base64');
}

/** Checks the request date against the clock; undefined when it is acceptable. */
export function dateProblem(headers: IncomingHttpHeaders, now: number): string | undefined {
  const raw = one(headers, 'ocp-date') || one(headers, 'date');
  if (!raw) return 'The request is missing the ocp-date header (or Date header).';
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return `The date header value '${raw}' is not a valid RFC 1123 date.`;
  if (now - at > MAX_CLOCK_SKEW_MS) return `Request date header too old: '${raw}'`;
  if (at - now > MAX_CLOCK_SKEW_MS) return `Request date header too far in the future: '${raw}'`;
  return undefined;
}

/** Verifies `Authorization: SharedKey <account>:<signature>` for the account and key. */
export function verifySharedKey(request: SignedRequest, authorization: string, account: string, base64Key: string, now = Date.now()): VerifyResult {
  const match = /^SharedKey ([^:]+):(.+)$/.exec(authorization.trim());
  if (!match) return { ok: false, detail: 'The Authorization header is not of the form SharedKey <account>:<signature>.' };
  const [, claimedAccount = '', signature = ''] = match;
  if (claimedAccount.toLowerCase() !== account.toLowerCase()) {
    return { ok: false, detail: `The account '${claimedAccount}' in the Authorization header does not match the account '${account}' being accessed.` };
  }
  const dateIssue = dateProblem(request.headers, now);
  if (dateIssue) return { ok: false, detail: dateIssue };
  const declared = one(request.headers, 'content-length');
  // A body-less request may be signed with Content-Length 0 or empty: accept either, as any computed signature.
  const lengths = declared === '' || declared === '0' ? ['', '0'] : [declared];
  const given = Buffer.from(signature, 'base64');
  let firstText = '';
  for (const length of lengths) {
    const text = stringToSign(request, claimedAccount, length);
    firstText ||= text;
    const expected = Buffer.from(sign(text, base64Key), 'base64');
    if (expected.length === given.length && timingSafeEqual(expected, given)) return { ok: true };
  }
  return {
    ok: false,
    detail: `The MAC signature found in the HTTP request '${signature}' is not the same as any computed signature. Server used following string to sign: '${firstText}'.`,
  };
}
