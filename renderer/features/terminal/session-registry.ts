import type { EventPayload } from '../../../contract/channels';
import type { TerminalSessionInfo } from '../../../contract/features/terminal';
import { reportError } from '../../components/error-surface';
import { call, ContractCallError, onEvent } from '../../ipc/client';
import { loadLayout } from './layout-memory';
import { TerminalHandle, type HandleOptions } from './session-handle';
import { inputTargets, useTerminalStore } from './terminal-store';

type DataEvent = EventPayload<'term:data'>;
type StatusEvent = EventPayload<'term:status'>;

/** Events for sessions this renderer has no handle for yet (an open call's answer can trail its first events). */
interface Orphan {
  data: DataEvent[];
  status?: StatusEvent;
  chars: number;
}

const handles = new Map<string, TerminalHandle>();
const orphans = new Map<string, Orphan>();
/** A renderer that never learns about a session (another window opened it) must not buffer its output forever. */
const maxOrphanChars = 1_000_000;
let options: HandleOptions = { fontSize: 14, copyOnSelect: false };
let subscribed = false;
let started: Promise<void> | undefined;

/**
 * Starts the terminal client once per renderer: subscribes to the stream events and reattaches to every session main
 * still holds (after a reload), restoring each screen from main's snapshot. A failed reattach is not remembered: the
 * next call (the next terminal opened) tries again instead of failing until reload.
 */
export function startTerminalClient(): Promise<void> {
  subscribe();
  started ??= reattach().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}

/** Subscribes to the stream events, once per renderer (a retried start must not subscribe twice). */
function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  onEvent('term:data', (event) => {
    const handle = handles.get(event.sessionId);
    if (handle) handle.write(event.data, event.seq);
    else keepOrphan(event.sessionId, (orphan) => {
      orphan.data.push(event);
      orphan.chars += event.data.length;
    });
  });
  onEvent('term:status', (event) => {
    if (handles.has(event.sessionId)) useTerminalStore.getState().setStatus(event.sessionId, event.status);
    else keepOrphan(event.sessionId, (orphan) => (orphan.status = event));
  });
}

/**
 * Adopts every session main holds, restoring each screen from main's snapshot, and the split view as it was last
 * left (in this window before a reload, or in another window).
 */
async function reattach(): Promise<void> {
  const sessions = await call('term:list', { screens: true });
  for (const session of sessions) {
    const handle = adopt(session, false);
    if (session.screen !== undefined) handle.restore(session.screen, session.seq, session);
    replayOrphan(session.sessionId, handle);
  }
  const store = useTerminalStore.getState();
  const saved = loadLayout();
  if (sessions.length > 0 && store.layout.panes.every((id) => id === null)) store.restore(saved ?? { panes: [null], focused: 0 });
}

/** Opens a local shell in a new tab. */
export async function openLocalSession(size?: { cols: number; rows: number }): Promise<void> {
  await startTerminalClient();
  const info = await call('term:open-local', size ?? {});
  replayOrphan(info.sessionId, adopt(info, true));
}

/** Opens an SSH session to a node of the named account in a new tab; its reconnects stay with that account. */
export async function openNodeSession(node: { accountId: string; poolId: string; nodeId: string; user: string }): Promise<void> {
  await startTerminalClient();
  const info = await call('term:open-node', node);
  replayOrphan(info.sessionId, adopt(info, true));
}

/** Shows a session main opened for another feature (a task's "Open a shell here") in a new tab, focused. */
export async function showOpenedSession(info: TerminalSessionInfo): Promise<void> {
  await startTerminalClient();
  // Main opened the session before this renderer listened: if starting the client adopted it already (from
  // `term:list`), that status is newer than `info`'s (e.g. a host-key prompt that came meanwhile) and must stay.
  const adopted = useTerminalStore.getState().sessions.find((s) => s.sessionId === info.sessionId);
  replayOrphan(info.sessionId, adopt(adopted ? { ...info, status: adopted.status } : info, true));
}

/** Ends a session and closes its tab. */
export async function closeSession(sessionId: string): Promise<void> {
  try {
    await call('term:close', { sessionId });
  } catch (error) {
    if (!(error instanceof ContractCallError && error.code === 'NOT_FOUND')) throw error;
  }
  handles.get(sessionId)?.dispose();
  handles.delete(sessionId);
  useTerminalStore.getState().remove(sessionId);
}

/** Reconnects a disconnected SSH session (its scrollback stays). */
export async function reconnectSession(sessionId: string): Promise<void> {
  const info = await call('term:reconnect', { sessionId });
  useTerminalStore.getState().setStatus(sessionId, info.status);
}

/** The xterm handle of a session, if this renderer has one. */
export function handleOf(sessionId: string): TerminalHandle | undefined {
  return handles.get(sessionId);
}

/** Applies the user's terminal settings to every session. */
export function configureTerminals(next: HandleOptions): void {
  options = next;
  for (const handle of handles.values()) handle.configure(next);
}

/** Creates the handle and the tab for a session main told us about. */
function adopt(info: TerminalSessionInfo, place: boolean): TerminalHandle {
  const { sessionId } = info;
  let handle = handles.get(sessionId);
  if (!handle) {
    handle = new TerminalHandle(
      sessionId,
      {
        input: (data) => send('term:input', { sessionIds: inputTargets(sessionId), data }),
        ack: (chars) => send('term:ack', { sessionId, chars }),
        resize: (cols, rows) => send('term:resize', { sessionId, cols, rows }),
      },
      options,
    );
    handles.set(sessionId, handle);
  }
  const { kind, label, node, status } = info;
  useTerminalStore.getState().upsert({ sessionId, kind, label, ...(node ? { node } : {}), status }, place);
  return handle;
}

/** Applies events that arrived before the handle existed. */
function replayOrphan(sessionId: string, handle: TerminalHandle): void {
  const orphan = orphans.get(sessionId);
  orphans.delete(sessionId);
  if (!orphan) return;
  for (const event of orphan.data) handle.write(event.data, event.seq);
  if (orphan.status) useTerminalStore.getState().setStatus(sessionId, orphan.status.status);
}

function keepOrphan(sessionId: string, update: (orphan: Orphan) => void): void {
  const orphan = orphans.get(sessionId) ?? { data: [], chars: 0 };
  update(orphan);
  if (orphan.chars > maxOrphanChars) orphan.data = [];
  orphans.set(sessionId, orphan);
}

/** Fire-and-forget stream calls: a session closed meanwhile is fine, anything else is shown once. */
function send<C extends 'term:input' | 'term:ack' | 'term:resize'>(channel: C, payload: Parameters<typeof call<C>>[1]): void {
  call(channel, payload).catch((error: unknown) => {
    if (error instanceof ContractCallError && error.code === 'NOT_FOUND') return;
    reportError(error);
  });
}
