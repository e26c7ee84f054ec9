import { useTranslation } from 'react-i18next';
import { DateTime, EmptyRow, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { listVersions } from './screening-endpoints.js';

/** Every imported version of every list; the current one of each list marked. */
export function ListVersions() {
  const { t } = useTranslation();
  const versions = useResource((signal) => listVersions(signal), 'lists');
  return (
    <Section title={t('screening.lists.title')} testId="screening-lists">
      <ResourceView resource={versions}>
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('screening.lists.list')}</th>
                <th>{t('screening.lists.version')}</th>
                <th>{t('screening.lists.entries')}</th>
                <th>{t('screening.lists.sourceDate')}</th>
                <th>{t('screening.lists.imported')}</th>
                <th>{t('screening.lists.licence')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 ? (
                <EmptyRow columns={6} text={t('screening.lists.none')} />
              ) : null}
              {data.items.map((v) => (
                <tr key={v.id}>
                  <td>
                    {v.listKind.toUpperCase()} / {v.listName}
                  </td>
                  <td>
                    {v.version}{' '}
                    {v.current ? (
                      <span className="badge">{t('screening.lists.current')}</span>
                    ) : null}
                    <div className="muted">
                      <code>{v.contentSha256.slice(0, 12)}</code>
                    </div>
                  </td>
                  <td>
                    {v.entryCount} / {v.nameCount}
                  </td>
                  <td>{v.sourceDate ?? '—'}</td>
                  <td>
                    <DateTime value={v.importedAt} />
                    <div className="muted">{v.importedBy}</div>
                  </td>
                  <td className="muted screening-licence">{v.licence ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </Section>
  );
}
