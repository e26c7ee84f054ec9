import { useTranslation } from 'react-i18next';
import type { CursorPager } from '../hooks/use-cursor-pager.js';

/** Previous / next for keyset-paged lists. */
export function Pager({ pager, nextCursor }: { pager: CursorPager; nextCursor: string | null }) {
  const { t } = useTranslation();
  if (!pager.hasPrevious && nextCursor === null) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button
        type="button"
        className="button button-small"
        disabled={!pager.hasPrevious}
        onClick={pager.previous}
      >
        {t('pager.previous')}
      </button>
      <span className="pager-page">{t('pager.page', { page: pager.pageNumber })}</span>
      <button
        type="button"
        className="button button-small"
        disabled={nextCursor === null}
        onClick={() => {
          if (nextCursor !== null) pager.next(nextCursor);
        }}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
