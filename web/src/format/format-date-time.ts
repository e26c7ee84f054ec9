const formatters = new Map<string, Intl.DateTimeFormat>();

/** A timestamp in the reader's language and time zone, to the second. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = formatters.get(language);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    formatters.set(language, formatter);
  }
  return formatter.format(date);
}
