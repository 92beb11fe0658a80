import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { HttpTransport } from '../net/http-transport';

/**
 * msal-node's network client, backed by our transport: msal's built-in client uses the global fetch, which knows
 * neither the proxy setting nor extra certificate authorities. Bodies are parsed as JSON as msal expects.
 */
export class MsalNetworkModule implements INetworkModule {
  /** The last transport failure (msal reports only a generic code), cleared by the next success. */
  lastFailure: string | undefined;

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
      this.lastFailure = code && !message.includes(code) ? `${code}: ${message}` : message;
      throw error;
    }
    let body: T;
    try {
      body = JSON.parse(response.body || '{}') as T;
    } catch {
      this.lastFailure = `${host} answered HTTP ${response.status} with a body that is not JSON`;
      throw new Error(`The sign-in service at ${host} answered HTTP ${response.status} with a body that is not JSON.`);
    }
    this.lastFailure = undefined;
    return { headers: response.headers, body, status: response.status };
  }
}
