import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { ProxyChoice } from './proxy-config';

/** One HTTP request as msal-node and ARM discovery make them. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Default 30 s. */
  timeoutMs?: number;
}

/** A response with its body read as text. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends requests; the one way the accounts feature talks to Entra ID and ARM. */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

/** Options of {@link NodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Which proxy a URL goes through (the setting, HTTPS_PROXY/NO_PROXY); read per request so a change applies at once. */
  proxyFor(url: string): Promise<ProxyChoice>;
  /** Extra PEM certificate authorities to trust on top of Node's roots (corporate TLS proxies, test authorities). */
  extraCa?: string[];
}

/**
 * node:http(s) with proxy support: https targets are tunnelled with CONNECT, http targets are sent to the proxy
 * with an absolute URI. TLS is always verified, against Node's roots plus `extraCa`. Bodies are never logged:
 * they carry codes, tokens and refresh tokens.
 */
export class NodeHttpTransport implements HttpTransport {
  private readonly ca: string[] | undefined;

  constructor(private readonly options: NodeHttpTransportOptions) {
    this.ca = options.extraCa?.length ? [...tls.rootCertificates, ...options.extraCa] : undefined;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const target = new URL(request.url);
    const { proxyUrl } = await this.options.proxyFor(request.url);
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const timeoutMs = request.timeoutMs ?? 30_000;
    const base = { method: request.method, headers, timeout: timeoutMs, ...(this.ca ? { ca: this.ca } : {}) };
    if (!proxyUrl) {
      const module = target.protocol === 'https:' ? https : http;
      return exchange(module.request(target, base), request.body);
    }
    const proxy = new URL(proxyUrl);
    if (target.protocol === 'http:') {
      const viaProxy = { ...base, headers: { ...headers, ...proxyAuthorization(proxy), host: target.host } };
      return exchange(http.request({ ...viaProxy, host: proxy.hostname, port: proxy.port || 80, path: target.href }), request.body);
    }
    const socket = await openTunnel(proxy, target, timeoutMs, this.ca);
    return exchange(https.request(target, { ...base, createConnection: () => socket }), request.body);
  }
}

/** Sends the body and collects the response text. */
function exchange(req: http.ClientRequest, body: string | undefined): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    req.on('timeout', () => req.destroy(Object.assign(new Error('The request timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(body);
  });
}

/** Opens a CONNECT tunnel through an http(s) proxy and starts TLS to the target inside it (also used by the Batch REST client). */
export function openTunnel(proxy: URL, target: URL, timeoutMs: number, ca: string[] | undefined): Promise<tls.TLSSocket> {
  const authority = `${target.hostname}:${target.port || 443}`;
  const module = proxy.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const connect = module.request({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...proxyAuthorization(proxy) },
      timeout: timeoutMs,
      ...(ca ? { ca } : {}),
    });
    connect.on('timeout', () => connect.destroy(Object.assign(new Error('The proxy did not answer'), { code: 'ETIMEDOUT' })));
    connect.on('error', reject);
    connect.on('connect', (res: http.IncomingMessage, socket: Duplex) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(Object.assign(new Error(`The proxy ${proxy.host} refused the tunnel to ${authority} (HTTP ${res.statusCode})`), { code: 'EPROXY' }));
        return;
      }
      const secure = tls.connect({ socket, servername: target.hostname, ...(ca ? { ca } : {}) });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
    connect.end();
  });
}

/** Basic proxy credentials from the proxy URL's user info, when present. */
function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(pair).toString('base64')}` };
}
