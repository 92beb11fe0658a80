import type { Settings } from '../../../contract/features/settings';

/** Where sign-in, discovery and Batch tokens go in one sovereign cloud. */
export interface CloudEndpoints {
  cloud: Settings['cloud'];
  /** `https://login.microsoftonline.com` and kin (no trailing slash). */
  authorityHost: string;
  /** Azure Resource Manager (no trailing slash). */
  armUrl: string;
  /** Scope for ARM tokens. */
  armScope: string;
  /** Scope for Batch data-plane tokens (note the double slash: resource + `/.default`). */
  batchScope: string;
  /** DNS suffix of Batch account endpoints in this cloud. */
  batchDnsSuffix: string;
}

const clouds: Record<Settings['cloud'], Omit<CloudEndpoints, 'cloud'>> = {
  public: {
    authorityHost: 'https://login.microsoftonline.com',
    armUrl: 'https://management.azure.com',
    armScope: 'https://management.azure.com//.default',
    batchScope: 'https://batch.core.windows.net//.default',
    batchDnsSuffix: 'batch.azure.com',
  },
  china: {
    authorityHost: 'https://login.chinacloudapi.cn',
    armUrl: 'https://management.chinacloudapi.cn',
    armScope: 'https://management.chinacloudapi.cn//.default',
    batchScope: 'https://batch.chinacloudapi.cn//.default',
    batchDnsSuffix: 'batch.chinacloudapi.cn',
  },
  usgov: {
    authorityHost: 'https://login.microsoftonline.us',
    armUrl: 'https://management.usgovcloudapi.net',
    armScope: 'https://management.usgovcloudapi.net//.default',
    batchScope: 'https://batch.core.usgovcloudapi.net//.default',
    batchDnsSuffix: 'batch.usgovcloudapi.net',
  },
};

/**
 * The endpoints of a cloud. `BATCH_DECK_AUTHORITY_HOST` and `BATCH_DECK_ARM_URL` replace the sign-in and ARM hosts
 * (tests, private clouds); scopes stay the cloud's, because tokens are minted for those resources.
 */
export function cloudEndpoints(cloud: Settings['cloud'], env: NodeJS.ProcessEnv = process.env): CloudEndpoints {
  const base = clouds[cloud];
  return {
    cloud,
    ...base,
    authorityHost: trimSlash(env.BATCH_DECK_AUTHORITY_HOST || base.authorityHost),
    armUrl: trimSlash(env.BATCH_DECK_ARM_URL || base.armUrl),
  };
}

/** True when the authority host is one msal-node knows (its built-in instance metadata covers it). */
export function isWellKnownAuthority(authorityHost: string): boolean {
  return Object.values(clouds).some((c) => c.authorityHost === authorityHost);
}

/**
 * The public client id used for sign-in. Batch Explorer signs in with the Azure CLI's well-known public client;
 * an organisation can register its own and set `BATCH_DECK_CLIENT_ID`.
 */
export function entraClientId(env: NodeJS.ProcessEnv = process.env): string {
  return env.BATCH_DECK_CLIENT_ID || '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
