import type { ReactNode } from 'react';

/** A titled block of a detail page. */
export function Section({
  title,
  count,
  children,
  testId,
}: {
  title: string;
  count?: number;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="section" data-testid={testId}>
      <h2 className="section-title">
        {title}
        {count === undefined ? null : <span className="section-count">{count}</span>}
      </h2>
      {children}
    </section>
  );
}
