import { CONSOLE_ROOT } from '../console-paths.js';

const encode = encodeURIComponent;

/** URLs of the proof-of-liabilities pages; routes and links both use these. */
export const polPaths = {
  roots: `${CONSOLE_ROOT}/pol`,
  verify: `${CONSOLE_ROOT}/pol/verify`,
  tree: (treeId: string) => `${CONSOLE_ROOT}/pol/trees/${encode(treeId)}`,
  /** The public transparency page: no sign-in. */
  transparency: (platformId: string) => `/transparency/${encode(platformId)}`,
} as const;

export const POL_ROUTE_PATTERNS = {
  roots: '/pol',
  verify: '/pol/verify',
  tree: '/pol/trees/:treeId',
} as const;

/** The platform id of a public transparency URL, or null. */
export function transparencyPlatform(pathname: string): string | null {
  const match = /^\/transparency\/([^/]+)\/?$/.exec(pathname);
  if (match === null) return null;
  try {
    return decodeURIComponent(match[1] as string);
  } catch {
    return null;
  }
}
