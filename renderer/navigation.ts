import { create } from 'zustand';

/** The app's top-level pages, in navigation order. */
export const pageIds = ['accounts', 'images', 'pools', 'jobs', 'terminals'] as const;

/** One top-level page. */
export type PageId = (typeof pageIds)[number];

/** Where the user is: a page plus optional parameters (e.g. `{ poolId }` on the pools page). */
export interface Route {
  page: PageId;
  params: Record<string, string>;
}

interface NavigationState {
  route: Route;
  go(page: PageId, params?: Record<string, string>): void;
}

/** Reads the route from the location hash (`#pools?poolId=x`), so a reload keeps the place. */
export function parseHash(hash: string): Route {
  // The web host's first address is `#token=…` or `#token=…#route`: the token is not a route (the bridge takes it).
  const [page = '', query = ''] = hash.replace(/^#(token=[\w-]*(#|%23|$))?/, '').split('?');
  const known = (pageIds as readonly string[]).includes(page) ? (page as PageId) : 'accounts';
  return { page: known, params: Object.fromEntries(new URLSearchParams(query)) };
}

/** Writes a route as a location hash. */
export function formatHash(route: Route): string {
  const query = new URLSearchParams(route.params).toString();
  return `#${route.page}${query ? `?${query}` : ''}`;
}

/** Navigation state shared by every feature; features call `go` to move the user. */
export const useNavigation = create<NavigationState>((set) => ({
  route: parseHash(typeof window === 'undefined' ? '' : window.location.hash),
  go: (page, params = {}) => {
    const route = { page, params };
    if (typeof window !== 'undefined') window.history.replaceState(null, '', formatHash(route));
    set({ route });
  },
}));
