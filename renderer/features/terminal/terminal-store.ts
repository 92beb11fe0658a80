import { create } from 'zustand';
import type { SessionStatus, TerminalSessionInfo } from '../../../contract/features/terminal';
import { saveLayout } from './layout-memory';
import { dropSession, placeNewSession, removePane, restoreLayout, setPaneCount, showSession, singlePane, type PaneLayout } from './pane-layout';

/** A session as the tabs and panes show it. */
export type SessionView = Pick<TerminalSessionInfo, 'sessionId' | 'kind' | 'label' | 'node' | 'status'>;

interface TerminalState {
  /** Open sessions in tab order. */
  sessions: SessionView[];
  layout: PaneLayout;
  /** Broadcast input: when on, typing in any target session goes to every target session. */
  broadcast: { on: boolean; targets: string[] };
  /** Adds a session (a new tab) or updates it; `place` also shows it in a pane. */
  upsert(info: SessionView, place?: boolean): void;
  setStatus(sessionId: string, status: SessionStatus): void;
  remove(sessionId: string): void;
  show(sessionId: string): void;
  focusPane(index: number): void;
  setPaneCount(count: number): void;
  closePane(index: number): void;
  /** Applies a saved layout to the sessions open now (after a reload, or in a second window). */
  restore(saved: PaneLayout): void;
  setBroadcast(on: boolean): void;
  setTargets(sessionIds: string[]): void;
}

/** UI state of the Terminals page: tabs, the split view and broadcast. Streams live in the session registry. */
export const useTerminalStore = create<TerminalState>((set) => ({
  sessions: [],
  layout: singlePane,
  broadcast: { on: false, targets: [] },
  upsert: (info, place = false) =>
    set((state) => {
      const known = state.sessions.some((s) => s.sessionId === info.sessionId);
      const sessions = known ? state.sessions.map((s) => (s.sessionId === info.sessionId ? { ...s, ...info } : s)) : [...state.sessions, info];
      return { sessions, layout: place ? placeNewSession(state.layout, info.sessionId) : state.layout };
    }),
  setStatus: (sessionId, status) =>
    set((state) => ({ sessions: state.sessions.map((s) => (s.sessionId === sessionId ? { ...s, status } : s)) })),
  remove: (sessionId) =>
    set((state) => {
      const order = state.sessions.map((s) => s.sessionId);
      const targets = state.broadcast.targets.filter((id) => id !== sessionId);
      return {
        sessions: state.sessions.filter((s) => s.sessionId !== sessionId),
        layout: dropSession(state.layout, sessionId, order),
        broadcast: { on: state.broadcast.on && targets.length > 0, targets },
      };
    }),
  show: (sessionId) => set((state) => ({ layout: showSession(state.layout, sessionId) })),
  focusPane: (index) => set((state) => ({ layout: { ...state.layout, focused: index } })),
  setPaneCount: (count) =>
    set((state) => ({ layout: setPaneCount(state.layout, count, state.sessions.map((s) => s.sessionId)) })),
  closePane: (index) => set((state) => ({ layout: removePane(state.layout, index) })),
  restore: (saved) => set((state) => ({ layout: restoreLayout(saved, state.sessions.map((s) => s.sessionId)) })),
  setBroadcast: (on) => set((state) => ({ broadcast: { ...state.broadcast, on: on && state.broadcast.targets.length > 0 } })),
  setTargets: (sessionIds) => set((state) => ({ broadcast: { on: state.broadcast.on && sessionIds.length > 0, targets: sessionIds } })),
}));

// Every layout change is remembered for the next reload or window.
useTerminalStore.subscribe((state, previous) => {
  if (state.layout !== previous.layout) saveLayout(state.layout);
});

/** Where typed input goes: every broadcast target when broadcasting from one of them, else just this session. */
export function inputTargets(fromSessionId: string): string[] {
  const { broadcast } = useTerminalStore.getState();
  return broadcast.on && broadcast.targets.includes(fromSessionId) ? broadcast.targets : [fromSessionId];
}
