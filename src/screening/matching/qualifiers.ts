/** A date of birth as lists give it: a day, a month, a year, or a range of years. */
export interface EntryDob {
  year: number;
  month: number | null;
  day: number | null;
  /** Last year of a range ("between 1973 and 1974"); null for a single date. */
  toYear: number | null;
}

export interface QueryDob {
  year: number;
  month: number | null;
  day: number | null;
}

export type QualifierKind =
  | 'dob_exact'
  | 'dob_year'
  | 'dob_day_differs'
  | 'dob_year_near'
  | 'dob_differs'
  | 'country_match'
  | 'country_differs';

export interface QualifierEffect {
  kind: QualifierKind;
  adjustment: number;
  detail: string;
}

/** Score adjustments: agreement raises a little, disagreement lowers more (see SCREENING.md). */
export const QUALIFIER_ADJUSTMENTS: Readonly<Record<QualifierKind, number>> = {
  dob_exact: 0.05,
  dob_year: 0.02,
  dob_day_differs: -0.05,
  dob_year_near: -0.08,
  dob_differs: -0.2,
  country_match: 0.03,
  country_differs: -0.1,
};

function formatDob(d: EntryDob): string {
  if (d.toYear !== null) return `${d.year}–${d.toYear}`;
  const mm = d.month === null ? '' : `-${String(d.month).padStart(2, '0')}`;
  const dd = d.day === null ? '' : `-${String(d.day).padStart(2, '0')}`;
  return `${d.year}${mm}${dd}`;
}

function dobEffect(entry: EntryDob, query: QueryDob): QualifierKind {
  const last = entry.toYear ?? entry.year;
  if (query.year >= entry.year && query.year <= last) {
    if (entry.toYear !== null || entry.month === null || query.month === null) return 'dob_year';
    if (entry.month !== query.month) return 'dob_day_differs';
    if (entry.day === null || query.day === null) return 'dob_year';
    return entry.day === query.day ? 'dob_exact' : 'dob_day_differs';
  }
  const distance = query.year < entry.year ? entry.year - query.year : query.year - last;
  return distance <= 1 ? 'dob_year_near' : 'dob_differs';
}

/** The most favourable date-of-birth effect over the entry's dates; null when either has none. */
export function dobQualifier(
  entryDobs: readonly EntryDob[],
  query: QueryDob | null,
): QualifierEffect | null {
  if (query === null || entryDobs.length === 0) return null;
  let best: QualifierEffect | null = null;
  for (const d of entryDobs) {
    const kind = dobEffect(d, query);
    const adjustment = QUALIFIER_ADJUSTMENTS[kind];
    if (best === null || adjustment > best.adjustment)
      best = { kind, adjustment, detail: `listed ${formatDob(d)}` };
  }
  return best;
}

export function countryQualifier(
  entryCountries: readonly string[],
  query: string | null,
): QualifierEffect | null {
  if (query === null || entryCountries.length === 0) return null;
  if (entryCountries.includes(query))
    return {
      kind: 'country_match',
      adjustment: QUALIFIER_ADJUSTMENTS.country_match,
      detail: query,
    };
  return {
    kind: 'country_differs',
    adjustment: QUALIFIER_ADJUSTMENTS.country_differs,
    detail: `listed ${entryCountries.slice(0, 5).join(', ')}`,
  };
}

/** "1971", "1971-05" or "1971-05-03" → a query date; null for anything else. */
export function parseQueryDob(text: string): QueryDob | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (m === null) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (year < 1800 || year > 2200) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { year, month, day };
}
