import { useTranslation } from 'react-i18next';

/** Detail fields whose values are codes with a label elsewhere in the catalogue. */
const VALUE_NAMESPACES: Readonly<Record<string, string>> = {
  holdReason: 'holdReason',
  authorizationKind: 'authorizationKind',
  scope: 'freezeScope',
  reasonCode: 'freezeReason',
};

/**
 * The free-form JSON the server attaches to events and approvals, as labelled lines. Labels
 * are translated under `detailKey.*`, coded values under their own namespace; anything
 * unknown still shows, as it came.
 */
export function DetailList({ detail }: { detail: unknown }) {
  const { t } = useTranslation();
  if (detail === null || detail === undefined) return null;
  if (typeof detail !== 'object' || Array.isArray(detail)) {
    return <code className="detail-list">{JSON.stringify(detail)}</code>;
  }
  const entries = Object.entries(detail as Record<string, unknown>);
  if (entries.length === 0) return null;
  return (
    <dl className="detail-list">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`detailKey.${key}`, { defaultValue: key })}</dt>
          <dd>{describeValue(key, value, t)}</dd>
        </div>
      ))}
    </dl>
  );
}

function describeValue(
  key: string,
  value: unknown,
  t: (key: string, options: { defaultValue: string }) => string,
): string {
  if (value === null || value === undefined) return '—';
  const namespace = VALUE_NAMESPACES[key];
  if (typeof value === 'string' && namespace !== undefined) {
    return t(`${namespace}.${value}`, { defaultValue: value });
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
