import { LogLevel, PublicClientApplication, type Configuration } from '@azure/msal-node';
import type { Settings } from '../../../contract/features/settings';
import type { Logger, SecretRedactor } from '../../log';
import type { SecretStore } from '../../store/secret-store';
import type { HttpTransport } from '../../net/http-transport';
import { cloudEndpoints, entraClientId, isWellKnownAuthority, type CloudEndpoints } from './cloud-endpoints';
import { MsalNetworkModule } from './msal-network';
import { SecretStoreCachePlugin } from './secret-cache-plugin';

/** What building msal clients needs. */
export interface MsalAppsDeps {
  secrets: SecretStore;
  redactor: SecretRedactor;
  log: Logger;
  transport: HttpTransport;
  env: NodeJS.ProcessEnv;
}

/** One cloud's msal client, its endpoints, and its network module (which remembers the last failure). */
export interface MsalApp {
  app: PublicClientApplication;
  endpoints: CloudEndpoints;
  network: MsalNetworkModule;
}

/** The SecretStore name of one cloud's msal token cache. */
export function msalCacheSecret(cloud: Settings['cloud']): string {
  return `entra/msal-cache/${cloud}`;
}

/**
 * One msal-node PublicClientApplication per sovereign cloud, built on first use: its token cache lives in the
 * SecretStore, its network goes through our transport (proxy, extra CAs), its log goes to ours without PII.
 */
export class MsalApps {
  private readonly apps = new Map<Settings['cloud'], MsalApp>();

  constructor(private readonly deps: MsalAppsDeps) {}

  /** The client and endpoints of a cloud. */
  get(cloud: Settings['cloud']): MsalApp {
    let entry = this.apps.get(cloud);
    if (!entry) {
      const endpoints = cloudEndpoints(cloud, this.deps.env);
      const network = new MsalNetworkModule(this.deps.transport);
      entry = { app: new PublicClientApplication(this.configuration(endpoints, network)), endpoints, network };
      this.apps.set(cloud, entry);
    }
    return entry;
  }

  private configuration(endpoints: CloudEndpoints, network: MsalNetworkModule): Configuration {
    const host = new URL(endpoints.authorityHost).host;
    return {
      auth: {
        clientId: entraClientId(this.deps.env),
        authority: `${endpoints.authorityHost}/organizations`,
        // msal knows Microsoft's clouds; any other host (a private or test authority) is described here, so msal
        // never asks login.microsoftonline.com about it.
        ...(isWellKnownAuthority(endpoints.authorityHost)
          ? {}
          : {
              cloudDiscoveryMetadata: JSON.stringify({
                tenant_discovery_endpoint: `${endpoints.authorityHost}/organizations/v2.0/.well-known/openid-configuration`,
                'api-version': '1.1',
                metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
              }),
            }),
      },
      cache: { cachePlugin: new SecretStoreCachePlugin(this.deps.secrets, msalCacheSecret(endpoints.cloud), this.deps.redactor) },
      system: {
        networkClient: network,
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message) => {
            if (level <= LogLevel.Warning) this.deps.log.warn('msal', message);
          },
        },
      },
    };
  }
}
