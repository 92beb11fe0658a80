import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../../contract/transport';

/** Why a request was refused; the kinds are a closed set so that counting them costs bounded memory. */
export type RefusalKind = 'malformed target' | 'wrong Host' | 'wrong path' | 'foreign Origin' | 'no token' | 'wrong token' | 'no subprotocol';

/** A refused request: the status to answer and what to say (the message never contains the token). */
export interface Refusal {
  status: number;
  kind: RefusalKind;
  message: string;
}

/** Refuses any Host but the host's own `127.0.0.1:PORT` (DNS rebinding: a page under another name never gets in). */
export function checkHost(req: IncomingMessage, origin: string): Refusal | undefined {
  if (`http://${req.headers.host ?? ''}` === origin) return undefined;
  return { status: 421, kind: 'wrong Host', message: `Host ${quote(req.headers.host)} is not ${origin.slice('http://'.length)}` };
}

/**
 * Checks a WebSocket upgrade to /ws: the Origin must be the host's own, and `Sec-WebSocket-Protocol` must offer
 * {@link contractSubprotocol} and `token.<token>` with the per-start token (compared in constant time).
 */
export function checkSocket(req: IncomingMessage, origin: string, token: string): Refusal | undefined {
  if (req.headers.origin !== origin) {
    return { status: 403, kind: 'foreign Origin', message: `Origin ${quote(req.headers.origin)} is not ${origin}` };
  }
  const offered = offeredSubprotocols(req);
  const given = offered.find((name) => name.startsWith(tokenSubprotocolPrefix))?.slice(tokenSubprotocolPrefix.length);
  if (!given) return { status: 401, kind: 'no token', message: 'the token is missing' };
  if (!sameSecret(given, token)) return { status: 401, kind: 'wrong token', message: 'the token is wrong' };
  if (!offered.includes(contractSubprotocol)) {
    return { status: 400, kind: 'no subprotocol', message: `the socket does not offer the ${contractSubprotocol} subprotocol` };
  }
  return undefined;
}

/** The subprotocol names a client offered, in order. */
function offeredSubprotocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '').split(',').map((name) => name.trim());
}

/** Constant-time comparison of two tokens. */
function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A header value as it may appear in a log line: quoted, escaped, at most 80 characters. */
function quote(value: string | undefined): string {
  return JSON.stringify((value ?? '').slice(0, 80));
}
