import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../hooks/use-resource.js';
import { ProblemAlert } from './problem-alert.js';

/** Renders a loading line, the problem, or the loaded data. */
export function ResourceView<T>({
  resource,
  children,
}: {
  resource: Resource<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { state } = resource;
  if (state.status === 'loading') {
    return (
      <p className="loading" aria-busy="true">
        {t('common.loading')}
      </p>
    );
  }
  if (state.status === 'failed') {
    return <ProblemAlert problem={state.problem} onRetry={resource.reload} />;
  }
  return <>{children(state.data)}</>;
}
