import { useSyncExternalStore } from 'react';

/**
 * Client-side routing over the History API: paths like /console/customers/c_1, no hash. The
 * server answers every /console/* path with index.html, so a reload lands on the same page.
 */
const NAVIGATION_EVENT = 'custos:navigate';

export interface AppLocation {
  pathname: string;
  search: string;
}

let snapshot: AppLocation = readLocation();

function readLocation(): AppLocation {
  return { pathname: window.location.pathname, search: window.location.search };
}

function refresh(): boolean {
  const next = readLocation();
  if (next.pathname === snapshot.pathname && next.search === snapshot.search) return false;
  snapshot = next;
  return true;
}

function subscribe(onChange: () => void): () => void {
  // Every subscriber hears of a change, not only the first one to refresh the snapshot: a
  // parent subscribed after its child (the app shell after the portal) must re-render too.
  // React re-renders only the components whose snapshot actually changed.
  const listener = () => {
    refresh();
    onChange();
  };
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATION_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATION_EVENT, listener);
  };
}

/**
 * Reads the location afresh on every check: a child's effect may navigate before a parent's
 * subscription is attached, and React re-checks the snapshot right after subscribing.
 */
function getSnapshot(): AppLocation {
  refresh();
  return snapshot;
}

export function useLocation(): AppLocation {
  return useSyncExternalStore(subscribe, getSnapshot);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATION_EVENT));
  if (!options.replace) window.scrollTo(0, 0);
}

/** Reads one query parameter of the current location ('' when absent). */
export function useSearchParam(name: string): string {
  const { search } = useLocation();
  return new URLSearchParams(search).get(name) ?? '';
}

/** Replaces one query parameter, keeping the others; '' removes it. */
export function setSearchParam(name: string, value: string): void {
  const params = new URLSearchParams(window.location.search);
  if (value === '') params.delete(name);
  else params.set(name, value);
  const search = params.toString();
  navigate(window.location.pathname + (search === '' ? '' : `?${search}`), { replace: true });
}
