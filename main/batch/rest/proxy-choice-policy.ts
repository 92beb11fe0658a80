import { proxyPolicy, proxyPolicyName, type PipelinePolicy } from '@azure/core-rest-pipeline';
import type { ProxyChoice } from '../../accounts/net/proxy-config';

/** Which proxy a URL goes through: the app's decision (setting, HTTPS_PROXY, NO_PROXY, loopback always direct). */
export type ProxyFor = (url: string) => Promise<ProxyChoice>;

/**
 * Replaces the pipeline's own proxy policy, which reads HTTPS_PROXY/NO_PROXY once from the environment and knows
 * nothing of the app's proxy setting. Each request asks `proxyFor` (so a changed setting applies at once), then goes
 * direct or through the pipeline's proxy policy for that proxy (CONNECT for https, absolute URI for http; credentials
 * from the proxy URL's user info).
 */
export function proxyChoicePolicy(proxyFor: ProxyFor): PipelinePolicy {
  const viaProxy = new Map<string, PipelinePolicy>();
  return {
    name: proxyPolicyName,
    async sendRequest(request, next) {
      const { proxyUrl } = await proxyFor(request.url);
      if (!proxyUrl) return next(request);
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
