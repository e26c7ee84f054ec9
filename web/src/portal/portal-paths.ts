import { CONSOLE_ROOT } from '../console-paths.js';

/** The customer portal lives inside the console app, under its own root. */
export const PORTAL_ROOT = `${CONSOLE_ROOT}/portal`;

export const portalPaths = {
  home: PORTAL_ROOT,
  signIn: `${PORTAL_ROOT}/sign-in`,
  enrol: `${PORTAL_ROOT}/enrol`,
  section: (path: string) => `${PORTAL_ROOT}${path}`,
} as const;

export function isPortalPath(pathname: string): boolean {
  return pathname === PORTAL_ROOT || pathname.startsWith(`${PORTAL_ROOT}/`);
}
