import { useTranslation } from 'react-i18next';
import { consolePaths } from '../console-paths.js';
import { IdLink } from './id-link.js';

/** Detail fields whose values are codes with a label elsewhere in the catalogue. */
const VALUE_NAMESPACES: Readonly<Record<string, string>> = {
  holdReason: 'holdReason',
  authorizationKind: 'authorizationKind',
  scope: 'freezeScope',
  reasonCode: 'freezeReason',
  role: 'role',
  counterAccountType: 'accountType',
  format: 'reportFileFormat',
};

/** Detail fields that name a record the console has a page for. */
const RECORD_PAGES: Readonly<Record<string, (id: string) => string>> = {
  instructionId: consolePaths.instruction,
  accountId: consolePaths.account,
  payerAccountId: consolePaths.account,
  payeeAccountId: consolePaths.account,
  customerId: consolePaths.customer,
};

const HOUR_MS = 60 * 60 * 1000;

const RECORD_ID_PATTERN = /^[a-z]+_[0-9a-z]{16,}$/;

/**
 * Levels of nested objects shown as nested lists (a report submission's `camlmac` summary is
 * the second); an object deeper than that shows as JSON, so a hostile payload cannot nest the
 * page without bound.
 */
const DETAIL_DEPTH_MAX = 3;

/** Items of a list shown (a retention request's customers or report files); the rest are counted. */
const DETAIL_ITEMS_MAX = 20;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

/** Shown as nested lists below the plain values: an object, or a list of objects. */
function isNested(value: unknown): boolean {
  return isPlainObject(value) || isObjectList(value);
}

/**
 * The free-form JSON the server attaches to events and approvals, as labelled lines. Labels
 * are translated under `detailKey.*`, coded values under their own namespace, record ids are
 * shortened and linked, and a nested object is a nested list (to DETAIL_DEPTH_MAX levels);
 * anything unknown still shows, as it came.
 */
export function DetailList({ detail }: { detail: unknown }) {
  if (detail === null || detail === undefined) return null;
  if (!isPlainObject(detail)) {
    return <code className="detail-list">{JSON.stringify(detail)}</code>;
  }
  return <DetailEntries detail={detail} depth={1} />;
}

/** One level of the list; `depth` counts from 1 at the top and stays within the maximum. */
function DetailEntries({ detail, depth }: { detail: Record<string, unknown>; depth: number }) {
  const { t } = useTranslation();
  // Nested objects after the plain values: a submission's own file facts, then its CAMLMAC's.
  const entries = Object.entries(detail).sort(
    ([, a], [, b]) => Number(isNested(a)) - Number(isNested(b)),
  );
  if (entries.length === 0) return depth === 1 ? null : <>—</>;
  return (
    <dl className={depth === 1 ? 'detail-list' : 'detail-list detail-list-nested'}>
      {entries.map(([key, value]) => {
        const nested = isNested(value) && depth < DETAIL_DEPTH_MAX;
        return (
          <div key={key} className={nested ? 'detail-entry-nested' : undefined}>
            <dt>{t(`detailKey.${key}`, { defaultValue: key })}</dt>
            <dd>
              {!nested ? (
                <DetailValue name={key} value={value} />
              ) : isObjectList(value) ? (
                <DetailItems items={value} depth={depth + 1} />
              ) : (
                <DetailEntries detail={value as Record<string, unknown>} depth={depth + 1} />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A list of objects: each a nested list, the first DETAIL_ITEMS_MAX of them, then a count. */
function DetailItems({ items, depth }: { items: Record<string, unknown>[]; depth: number }) {
  const { t } = useTranslation();
  const shown = items.slice(0, DETAIL_ITEMS_MAX);
  return (
    <>
      {shown.map((item, index) => (
        <DetailEntries key={index} detail={item} depth={depth} />
      ))}
      {items.length > shown.length && (
        <span className="detail-more">
          {t('detailValue.more', { count: items.length - shown.length })}
        </span>
      )}
    </>
  );
}

function DetailValue({ name, value }: { name: string; value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <>—</>;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    if (value.length === 0) return <>—</>;
    const shown = value.slice(0, DETAIL_ITEMS_MAX);
    return (
      <span className="detail-items">
        {shown.map((item) => (
          <DetailValue key={item} name={name} value={item} />
        ))}
        {value.length > shown.length && (
          <span className="detail-more">
            {t('detailValue.more', { count: value.length - shown.length })}
          </span>
        )}
      </span>
    );
  }
  if (typeof value === 'number' && name.endsWith('Ms')) {
    return <>{t('detailValue.hours', { count: Math.round((value / HOUR_MS) * 100) / 100 })}</>;
  }
  if (typeof value !== 'string') return <code>{JSON.stringify(value)}</code>;
  const namespace = VALUE_NAMESPACES[name];
  if (namespace !== undefined) return <>{t(`${namespace}.${value}`, { defaultValue: value })}</>;
  if (RECORD_ID_PATTERN.test(value)) {
    const page = RECORD_PAGES[name];
    return <IdLink id={value} compact to={page === undefined ? undefined : page(value)} />;
  }
  return <>{value}</>;
}
