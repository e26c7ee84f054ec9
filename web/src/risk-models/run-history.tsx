import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime, ResourceView, Section } from '../components/index.js';
import type { Resource } from '../hooks/use-resource.js';
import { setSearchParam } from '../router/index.js';

interface RunRow {
  id: string;
  createdAt: string;
}

interface RunHistoryProps<S extends RunRow> {
  title: string;
  testId: string;
  runs: Resource<{ items: S[] }>;
  /** The run shown above the history, marked in it. */
  selected: string | undefined;
  /** Said instead of the table while there are no runs. */
  emptyText: string;
  /** The headings of the columns between the run's time and its show button. */
  columns: ReactNode;
  /** A run's cells for those columns. */
  cells: (run: S) => ReactNode;
}

/** Past model runs, newest first: when each ran, what it found, and a button to show it. */
export function RunHistory<S extends RunRow>({
  title,
  testId,
  runs,
  ...table
}: RunHistoryProps<S>) {
  return (
    <Section title={title} testId={testId}>
      <ResourceView resource={runs}>
        {(data) => <RunHistoryTable runs={data.items} {...table} />}
      </ResourceView>
    </Section>
  );
}

function RunHistoryTable<S extends RunRow>({
  runs,
  selected,
  emptyText,
  columns,
  cells,
}: Omit<RunHistoryProps<S>, 'title' | 'testId' | 'runs'> & { runs: S[] }) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskModels.monteCarlo.when')}</th>
          {columns}
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className={run.id === selected ? 'row-selected' : undefined}>
            <td>
              <DateTime value={run.createdAt} />
            </td>
            {cells(run)}
            <td>
              <button
                type="button"
                className="button"
                onClick={() => setSearchParam('run', run.id)}
              >
                {t('riskModels.monteCarlo.show')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
