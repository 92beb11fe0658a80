import type { EventChannel, EventPayload } from '../contract/channels';

/** Receives events for one renderer connection (an Electron window or a web socket). */
export type EventListener = (event: string, payload: unknown) => void;

/** Fan-out of main → renderer events to every connected renderer. Services depend on `emit` only. */
export class EventBus {
  private readonly listeners = new Map<string, EventListener>();

  /** Sends a typed event to every connected renderer. */
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.values()) listener(event, payload);
  }

  /** Connects a renderer under `connectionId`; returns the disconnect function. */
  connect(connectionId: string, listener: EventListener): () => void {
    this.listeners.set(connectionId, listener);
    return () => this.listeners.delete(connectionId);
  }

  /** Number of renderers connected now. */
  get size(): number {
    return this.listeners.size;
  }
}

/** The part of the bus that services use. */
export type EventEmitter = Pick<EventBus, 'emit'>;
