import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  RequestIn,
  ResponseOf,
} from '../../contract/channels';
import type { ErrorCode } from '../../contract/errors';
import type { ContractError, Result } from '../../contract/result';
import { bridgeGlobalName, type BridgeApi } from '../../contract/transport';
import { createWebBridge } from './web-bridge';

/** A failed contract call, thrown by {@link call}; keeps the code, message and details that crossed. */
export class ContractCallError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(readonly channel: string, error: ContractError) {
    super(error.message);
    this.name = 'ContractCallError';
    this.code = error.code;
    this.details = error.details;
  }
}

let bridge: BridgeApi | undefined;

/** The bridge of this renderer: Electron's preload API when present, else the web host's socket. */
function getBridge(): BridgeApi {
  const exposed = (globalThis as Record<string, unknown>)[bridgeGlobalName] as BridgeApi | undefined;
  bridge ??= exposed ?? createWebBridge();
  return bridge;
}

/** Which transport the renderer uses. */
export function transportKind(): 'electron' | 'web' {
  return (globalThis as Record<string, unknown>)[bridgeGlobalName] ? 'electron' : 'web';
}

/** Calls a channel and returns its result as data (never throws). */
export async function invoke<C extends InvokeChannel>(channel: C, payload: RequestIn<C>): Promise<Result<ResponseOf<C>>> {
  return (await getBridge().invoke(channel, payload)) as Result<ResponseOf<C>>;
}

/** Calls a channel; resolves with the value or throws {@link ContractCallError}. */
export async function call<C extends InvokeChannel>(channel: C, payload: RequestIn<C>): Promise<ResponseOf<C>> {
  const result = await invoke(channel, payload);
  if (!result.ok) throw new ContractCallError(channel, result.error);
  return result.value;
}

/** Subscribes to an event from main; returns the unsubscribe function. */
export function onEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return getBridge().on(event, listener as (payload: unknown) => void);
}
