import type { ReactNode } from 'react';

/** A short confirmation after an action succeeded. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice" role="status">
      {children}
    </div>
  );
}
