import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, type Route } from '../routing/routes.js';

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
};
const snapshot = () => window.location.pathname + window.location.search;

/** Goes to `url` in the app without a reload; `replace` for view tweaks that should not fill history. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (url === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const listener of listeners) listener();
  if (!options.replace) window.scrollTo(0, 0);
}

/** The current route, read from the URL: the URL is the only store of view state. */
export function useRoute(): Route {
  const location = useSyncExternalStore(subscribe, snapshot);
  const [path, search = ''] = location.split('?');
  return parseRoute(path ?? '/', search);
}

export function useNavigate(): typeof navigate {
  return useCallback(navigate, []);
}
