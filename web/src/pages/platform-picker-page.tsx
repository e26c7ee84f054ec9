import { useTranslation } from 'react-i18next';
import { listPlatforms } from '../api/index.js';
import { DateTime, EmptyRow, IdLink, PageHeader, ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { useSession } from '../session/index.js';

/** Staff work across platforms: pick whose books to open. */
export function PlatformPickerPage() {
  const { t } = useTranslation();
  const session = useSession();
  const platforms = useResource((signal) => listPlatforms(signal), 'platforms');
  return (
    <>
      <PageHeader title={t('platforms.title')} subtitle={t('platforms.subtitle')} />
      <ResourceView resource={platforms}>
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('platforms.name')}</th>
                <th>{t('common.id')}</th>
                <th>{t('common.createdAt')}</th>
                <th className="cell-actions" aria-label={t('common.actions')} />
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 ? (
                <EmptyRow columns={4} text={t('platforms.empty')} />
              ) : null}
              {data.items.map((platform) => (
                <tr key={platform.id} data-platform-id={platform.id}>
                  <td>{platform.name}</td>
                  <td>
                    <IdLink id={platform.id} />
                  </td>
                  <td>
                    <DateTime value={platform.createdAt} />
                  </td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className={
                        platform.id === session.platformId
                          ? 'button button-small'
                          : 'button button-small button-primary'
                      }
                      onClick={() => session.choosePlatform(platform.id)}
                    >
                      {platform.id === session.platformId
                        ? t('platforms.current')
                        : t('platforms.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </>
  );
}
