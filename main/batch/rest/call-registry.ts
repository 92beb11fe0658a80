import { randomUUID } from 'node:crypto';

/** Header that ties a pipeline request back to the call that made it (Batch's own `client-request-id`). */
export const callIdHeader = 'client-request-id';

/** What a caller hears before the pipeline resends a request. */
export interface RetryNotice {
  /** 1 for the first resend. */
  retry: number;
  /** Of the attempt that failed; absent when the connection failed. */
  statusCode?: number;
  /** The service's error code or the connection error code, when known. */
  code?: string;
  /** The wait the service asked for with Retry-After, in ms; absent when the pipeline backs off on its own. */
  delayMs?: number;
}

/** Per-call settings the pipeline policies look up by the request's `client-request-id`. */
export interface CallSettings {
  onRetry?: (notice: RetryNotice) => void;
  /** False for creates: a request the service may have received is not sent again after the connection dropped. */
  resendAfterDrop: boolean;
  /** Deadline of each attempt in ms; 0 for none. */
  timeoutMs: number;
  /** Attempts seen so far (maintained by the retry observer). */
  attempts: number;
}

/** Calls in flight, by request id; each call registers before sending and unregisters when done. */
export class CallRegistry {
  private readonly calls = new Map<string, CallSettings>();

  /** Registers a call and returns its request id. */
  open(settings: Omit<CallSettings, 'attempts'>): string {
    const id = randomUUID();
    this.calls.set(id, { ...settings, attempts: 0 });
    return id;
  }

  /** The settings of the call a request belongs to. */
  find(id: string | undefined): CallSettings | undefined {
    return id === undefined ? undefined : this.calls.get(id);
  }

  /** Forgets a finished call. */
  close(id: string): void {
    this.calls.delete(id);
  }
}
