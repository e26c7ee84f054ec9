export { Link } from './link.js';
export { matchPath } from './match-path.js';
export type { RouteParams } from './match-path.js';
export { navigate, setSearchParam, useLocation, useSearchParam } from './location-store.js';
export type { AppLocation } from './location-store.js';
export { Redirect } from './redirect.js';
