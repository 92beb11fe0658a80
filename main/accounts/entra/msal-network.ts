import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { networkCodeOf, tlsCodeOf } from '../../batch/network-failure';
import type { HttpTransport } from '../../net/http-transport';

/** Why msal's last request failed: the text to show, and the error itself when it was a bug rather than the network. */
export interface NetworkFailure {
  text: string;
  /** Set when the transport threw something that is not a network failure (a TypeError, …): a bug to log. */
  bug?: unknown;
}

/**
 * msal-node's network client, backed by our transport: msal's built-in client uses the global fetch, which knows
 * neither the proxy setting nor extra certificate authorities. Bodies are parsed as JSON as msal expects.
 */
export class MsalNetworkModule implements INetworkModule {
  /** The last transport failure (msal reports only a generic code), cleared by the next success. */
  lastFailure: NetworkFailure | undefined;

  constructor(private readonly transport: HttpTransport) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const host = new URL(url).host;
    let response;
    try {
      response = await this.transport.send({
        method,
        url,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...(timeout ? { timeoutMs: timeout } : {}),
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      const message = (error as Error).message;
      const text = code && !message.includes(code) ? `${code}: ${message}` : message;
      const network = networkCodeOf(error) ?? tlsCodeOf(error) ?? (code === 'EPROXY' ? code : undefined);
      this.lastFailure = network ? { text } : { text, bug: error };
      throw error;
    }
    let body: T;
    try {
      body = JSON.parse(response.body || '{}') as T;
    } catch {
      this.lastFailure = { text: `${host} answered HTTP ${response.status} with a body that is not JSON` };
      throw new Error(`The sign-in service at ${host} answered HTTP ${response.status} with a body that is not JSON.`);
    }
    this.lastFailure = undefined;
    return { headers: response.headers, body, status: response.status };
  }
}
