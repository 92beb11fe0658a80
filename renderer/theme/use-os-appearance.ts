import { useSyncExternalStore } from 'react';
import type { OsAppearance } from './resolve-theme';

const darkQuery = '(prefers-color-scheme: dark)';
const forcedQuery = '(forced-colors: active)';

/** True when the media query matches now; false where there is no matchMedia (tests without a DOM). */
function matches(query: string): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
}

/** Calls `onChange` whenever either query flips (the OS switched dark mode or high contrast on or off). */
function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => undefined;
  const lists = [window.matchMedia(darkQuery), window.matchMedia(forcedQuery)];
  for (const list of lists) list.addEventListener('change', onChange);
  return () => {
    for (const list of lists) list.removeEventListener('change', onChange);
  };
}

/** A string snapshot, so React compares by value and re-renders only when something changed. */
function snapshot(): string {
  return `${matches(darkQuery) ? 'dark' : 'light'} ${matches(forcedQuery) ? 'forced' : 'normal'}`;
}

/** The OS appearance, live: follows dark mode and forced colours as the user switches them. */
export function useOsAppearance(): OsAppearance {
  const value = useSyncExternalStore(subscribe, snapshot, snapshot);
  return { dark: value.startsWith('dark'), forcedColors: value.endsWith('forced') };
}
