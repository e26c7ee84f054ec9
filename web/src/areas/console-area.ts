import type { ReactNode } from 'react';
import type { Permission } from '../access/permissions.js';
import type { RouteParams } from '../router/index.js';

/**
 * A part of the console (monitoring, cases …) brings its own routes and navigation entries;
 * the shell lists the areas once and never changes when an area grows.
 */
export interface ConsoleArea {
  routes: readonly AreaRoute[];
  nav: readonly AreaNavItem[];
}

export interface AreaRoute {
  pattern: string;
  permission: Permission;
  needsPlatform: boolean;
  render: (params: RouteParams) => ReactNode;
}

export interface AreaNavItem {
  labelKey: string;
  to: string;
  permission: Permission;
}
