/** The proxy to use for one request, or none. */
export interface ProxyChoice {
  /** `http://host:port` (credentials, when present, stay in the URL for the CONNECT request only). */
  proxyUrl?: string;
}

/**
 * Decides whether a request to `target` goes through a proxy. The setting wins; when it is empty, HTTPS_PROXY
 * (or https_proxy, then HTTP_PROXY/ALL_PROXY) from the environment applies. NO_PROXY is honoured either way, and loopback
 * (the sandbox, local test servers) is always reached directly.
 */
export function chooseProxy(target: string, settingProxyUrl: string, env: NodeJS.ProcessEnv = process.env): ProxyChoice {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopbackHost(host)) return {};
  const proxyUrl = settingProxyUrl || environmentProxy(env);
  if (!proxyUrl) return {};
  if (isBypassed(host, url.port || (url.protocol === 'https:' ? '443' : '80'), env.NO_PROXY ?? env.no_proxy ?? '')) return {};
  return { proxyUrl };
}

/** The proxy named by the environment, in the order curl and the Azure SDKs read it. */
export function environmentProxy(env: NodeJS.ProcessEnv): string | undefined {
  return env.HTTPS_PROXY || env.https_proxy || env.ALL_PROXY || env.all_proxy || env.HTTP_PROXY || env.http_proxy || undefined;
}

/** True for localhost and 127.0.0.0/8 and ::1. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * NO_PROXY matching as curl does it: `*` bypasses all; entries are host names (a leading dot or `*.` matches
 * subdomains, a bare name matches itself and its subdomains), IPs, or `host:port`.
 */
export function isBypassed(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    if (raw === '*') return true;
    const [entryHost = '', entryPort] = raw.includes(':') && !raw.includes('::') ? raw.split(':') : [raw, undefined];
    if (entryPort && entryPort !== port) continue;
    const bare = entryHost.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}
