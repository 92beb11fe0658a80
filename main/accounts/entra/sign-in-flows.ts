import type { AuthenticationResult, DeviceCodeRequest, PublicClientApplication } from '@azure/msal-node';
import { randomUUID } from 'node:crypto';
import type { IdentityView, SignInProgress } from '../../../contract/features/accounts';
import type { EventEmitter } from '../../events';
import type { Logger, SecretRedactor } from '../../log';
import type { HttpTransport } from '../../net/http-transport';
import { toSignInFailure } from './auth-errors';
import type { NetworkFailure } from './msal-network';

/** How long a sign-in may wait for the user before it gives up. */
const signInTimeoutMs = 10 * 60_000;

/** What a sign-in needs: the msal client, scopes, authority, and how to show the browser URL. */
export interface SignInRequest {
  app: PublicClientApplication;
  method: 'browser' | 'deviceCode';
  authority: string;
  scopes: string[];
  /** The last network failure msal's client saw (msal itself reports only a generic code). */
  networkFailure(): NetworkFailure | undefined;
}

/** What the flows need from the host. */
export interface SignInFlowsDeps {
  events: EventEmitter;
  redactor: SecretRedactor;
  log: Logger;
  transport: HttpTransport;
  /** Opens a URL in the OS browser (Electron: shell.openExternal). Absent in the web host: the renderer opens it. */
  openExternal?: (url: string) => Promise<void>;
}

/**
 * Runs sign-ins in the background and reports progress as `entra:signInProgress`: the system browser with a loopback
 * redirect (msal's auth code + PKCE) or the device code flow. Each can be cancelled while it waits for the user.
 */
export class SignInFlows {
  private readonly running = new Map<string, () => Promise<void>>();

  constructor(private readonly deps: SignInFlowsDeps) {}

  /** Starts a sign-in; `completed` turns the result into the identity the completed event reports. */
  start(request: SignInRequest, completed: (result: AuthenticationResult) => Promise<IdentityView>): { signInId: string } {
    const signInId = randomUUID();
    const cancelled = { value: false };
    const timer = setTimeout(() => void this.cancel(signInId), signInTimeoutMs);
    const run = request.method === 'browser' ? this.browser(signInId, request, cancelled) : this.deviceCode(signInId, request, cancelled);
    void run
      .then(async (result) => {
        if (cancelled.value || !result) return this.emit({ signInId, state: 'cancelled' });
        for (const token of [result.accessToken, result.idToken]) this.deps.redactor.add(token);
        this.emit({ signInId, state: 'completed', identity: await completed(result) });
      })
      .catch((error: unknown) => {
        if (cancelled.value) return this.emit({ signInId, state: 'cancelled' });
        const failure = toSignInFailure(error, 'Sign-in failed', { authorityHost: new URL(request.authority).host, networkFailure: request.networkFailure() });
        if (failure.code === 'INTERNAL') this.deps.log.error('entra', `sign-in ${signInId} hit a bug`, request.networkFailure()?.bug ?? error);
        else this.deps.log.warn('entra', `sign-in ${signInId} failed: ${failure.message}`);
        this.emit({ signInId, state: 'failed', code: failure.code, message: failure.message });
      })
      .finally(() => {
        clearTimeout(timer);
        this.running.delete(signInId);
      });
    return { signInId };
  }

  /** Cancels a waiting sign-in; false when it already ended. */
  async cancel(signInId: string): Promise<boolean> {
    const cancel = this.running.get(signInId);
    if (!cancel) return false;
    this.running.delete(signInId);
    await cancel();
    return true;
  }

  /** Cancels every waiting sign-in (app shutdown). */
  async cancelAll(): Promise<void> {
    await Promise.allSettled([...this.running.keys()].map((id) => this.cancel(id)));
  }

  private browser(signInId: string, request: SignInRequest, cancelled: { value: boolean }): Promise<AuthenticationResult> {
    let authorizeUrl: URL | undefined;
    this.running.set(signInId, async () => {
      cancelled.value = true;
      if (authorizeUrl) await this.abandonLoopback(authorizeUrl);
    });
    return request.app.acquireTokenInteractive({
      scopes: request.scopes,
      authority: request.authority,
      prompt: 'select_account',
      successTemplate: '<h1>Signed in to Batch Deck</h1><p>You can close this tab and return to Batch Deck.</p>',
      errorTemplate: '<h1>Batch Deck sign-in failed</h1><p>Return to Batch Deck for details.</p>',
      openBrowser: async (url: string) => {
        authorizeUrl = new URL(url);
        if (cancelled.value) return this.abandonLoopback(authorizeUrl);
        const openedByHost = Boolean(this.deps.openExternal);
        this.emit({ signInId, state: 'waitingForBrowser', url, openedByHost });
        if (this.deps.openExternal) await this.deps.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: the host's openExternal (https sign-in page only), not shell */
      },
    });
  }

  private deviceCode(signInId: string, request: SignInRequest, cancelled: { value: boolean }): Promise<AuthenticationResult | null> {
    const deviceRequest: DeviceCodeRequest = {
      scopes: request.scopes,
      authority: request.authority,
      deviceCodeCallback: (response) =>
        this.emit({ signInId, state: 'deviceCode', userCode: response.userCode, verificationUri: response.verificationUri, message: response.message }),
    };
    this.running.set(signInId, async () => {
      cancelled.value = true;
      // msal-node stops polling when the request's `cancel` flag is set.
      deviceRequest.cancel = true;
    });
    return request.app.acquireTokenByDeviceCode(deviceRequest);
  }

  /**
   * msal's loopback server waits for the browser's redirect and has no cancel: answer it ourselves with the OAuth
   * error a user's "cancel" produces, so it closes its port and the flow ends.
   */
  private async abandonLoopback(authorizeUrl: URL): Promise<void> {
    const redirect = authorizeUrl.searchParams.get('redirect_uri');
    const state = authorizeUrl.searchParams.get('state');
    if (!redirect || !state) return;
    const target = new URL(redirect);
    if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
    const body = new URLSearchParams({ error: 'access_denied', error_description: 'Cancelled in Batch Deck', state }).toString();
    await this.deps.transport
      .send({ method: 'POST', url: target.href, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, timeoutMs: 5_000 })
      .catch((error: Error) => this.deps.log.warn('entra', `could not close the sign-in listener: ${error.message}`));
  }

  private emit(progress: SignInProgress): void {
    this.deps.events.emit('entra:signInProgress', progress);
  }
}

