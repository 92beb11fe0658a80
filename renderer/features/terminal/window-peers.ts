import { useSyncExternalStore } from 'react';

type PeerMessage = { type: 'hello' | 'here' | 'bye'; id: string };

const me = crypto.randomUUID();
const peers = new Set<string>();
const listeners = new Set<() => void>();
let channel: BroadcastChannel | undefined;

function changed(): void {
  for (const listener of listeners) listener();
}

/** Joins the windows of this app that show terminals (same origin, BroadcastChannel): each learns how many others do. */
function join(): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel('batch-deck.terminal-windows');
  channel.onmessage = (event: MessageEvent<PeerMessage>) => {
    const { type, id } = event.data;
    if (id === me) return;
    if (type === 'bye') peers.delete(id);
    else peers.add(id);
    if (type === 'hello') channel?.postMessage({ type: 'here', id: me } satisfies PeerMessage);
    changed();
  };
  channel.postMessage({ type: 'hello', id: me } satisfies PeerMessage);
  addEventListener('pagehide', () => channel?.postMessage({ type: 'bye', id: me } satisfies PeerMessage));
}

/** How many other windows of the app are attached to the same terminal sessions. */
export function useOtherTerminalWindows(): number {
  return useSyncExternalStore(
    (listener) => {
      join();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => peers.size,
  );
}
