import type { ReactNode } from 'react';
import { SideNav } from './side-nav.js';
import { TopBar } from './top-bar.js';

/** Navigation on the left, the top bar, and the page. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <SideNav />
      <div className="main-column">
        <TopBar />
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
