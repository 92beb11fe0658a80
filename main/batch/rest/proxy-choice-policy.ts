import { proxyPolicy, proxyPolicyName, type PipelinePolicy } from '@azure/core-rest-pipeline';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { openTunnel } from '../../net/http-transport';
import type { ProxyChoice } from '../../net/proxy-config';

/** Which proxy a URL goes through: the app's decision (setting, HTTPS_PROXY, NO_PROXY, loopback always direct). */
export type ProxyFor = (url: string) => Promise<ProxyChoice>;

/** How long the proxy may take to open a tunnel. */
const tunnelTimeoutMs = 30_000;

/**
 * Keep-alive HTTPS agent whose connections are CONNECT tunnels through one proxy, with TLS to the Batch host checked
 * against Node's roots plus the app's extra CAs (the pipeline's own proxy agent ignores extra CAs, so a
 * TLS-inspecting corporate proxy would fail every request).
 */
class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    private readonly ca: string[] | undefined,
  ) {
    super({ keepAlive: true });
  }

  override createConnection(options: { host?: string | null; port?: number | string | null }, done: (error: Error | null, socket?: Duplex) => void): Duplex {
    const target = new URL(`https://${options.host ?? 'localhost'}:${options.port ?? 443}`);
    openTunnel(this.proxy, target, tunnelTimeoutMs, this.ca).then((socket) => done(null, socket), (error: Error) => done(error));
    // Node's Agent waits for `done` when createConnection returns nothing.
    return undefined as unknown as Duplex;
  }
}

/**
 * Replaces the pipeline's own proxy policy, which reads HTTPS_PROXY/NO_PROXY once from the environment and knows
 * nothing of the app's proxy setting. Each request asks `proxyFor` (so a changed setting applies at once), then goes
 * direct, through a CONNECT tunnel (https), or through the pipeline's proxy policy with an absolute URI (plain http,
 * the loopback sandbox only). Credentials in the proxy URL's user info are sent to the proxy.
 */
export function proxyChoicePolicy(proxyFor: ProxyFor, extraCa: string[] = []): PipelinePolicy {
  const ca = extraCa.length ? [...tls.rootCertificates, ...extraCa] : undefined;
  const tunnels = new Map<string, TunnelAgent>();
  const viaProxy = new Map<string, PipelinePolicy>();
  return {
    name: proxyPolicyName,
    async sendRequest(request, next) {
      const { proxyUrl } = await proxyFor(request.url);
      if (!proxyUrl) return next(request);
      if (new URL(request.url).protocol === 'https:') {
        let agent = tunnels.get(proxyUrl);
        if (!agent) tunnels.set(proxyUrl, (agent = new TunnelAgent(new URL(proxyUrl), ca)));
        request.agent = agent;
        return next(request);
      }
      let policy = viaProxy.get(proxyUrl);
      if (!policy) {
        const proxy = new URL(proxyUrl);
        policy = proxyPolicy(
          {
            host: `${proxy.protocol}//${proxy.hostname}`,
            port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
            ...(proxy.username ? { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) } : {}),
          },
          // The app already decided this URL goes through the proxy: no second NO_PROXY reading.
          { customNoProxyList: [] },
        );
        viaProxy.set(proxyUrl, policy);
      }
      return policy.sendRequest(request, next);
    },
  };
}
