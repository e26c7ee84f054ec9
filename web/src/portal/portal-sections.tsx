import type { ReactNode } from 'react';
import { BalancesSection } from './balances-section.js';
import { HistorySection } from './history-section.js';
import { PasskeysSection } from './passkeys-section.js';
import { PendingSection } from './pending-section.js';
import { StatementsSection } from './statements-section.js';
import { SELF_SERVICE_SECTIONS } from './sections/self-service-sections.js';

/**
 * A part of the customer portal. Sections bring their own page and navigation entry; the
 * portal shell lists them once. Append yours at the end (one import, one entry).
 */
export interface PortalSection {
  id: string;
  /** Relative to PORTAL_ROOT, e.g. '/complaints'; patterns like '/complaints/:id' allowed. */
  path: string;
  /** i18n key of the navigation entry. */
  labelKey: string;
  /** False for detail pages reached from another section. */
  inNav: boolean;
  render: (params: Record<string, string>) => ReactNode;
}

export const PORTAL_SECTIONS: readonly PortalSection[] = [
  {
    id: 'balances',
    path: '/balances',
    labelKey: 'portal.nav.balances',
    inNav: true,
    render: () => <BalancesSection />,
  },
  {
    id: 'pending',
    path: '/pending',
    labelKey: 'portal.nav.pending',
    inNav: true,
    render: () => <PendingSection />,
  },
  {
    id: 'statements',
    path: '/statements',
    labelKey: 'portal.nav.statements',
    inNav: true,
    render: () => <StatementsSection />,
  },
  {
    id: 'history',
    path: '/history',
    labelKey: 'portal.nav.history',
    inNav: true,
    render: () => <HistorySection />,
  },
  ...SELF_SERVICE_SECTIONS,
  {
    id: 'passkeys',
    path: '/passkeys',
    labelKey: 'portal.nav.passkeys',
    inNav: true,
    render: () => <PasskeysSection />,
  },
];
