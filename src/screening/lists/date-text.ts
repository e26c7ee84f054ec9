import type { EntryDob } from '../matching/qualifiers.js';

/** "1971", "1971-05", "1971-05-03" (ISO, as OpenSanctions and internal lists write them). */
export function isoDob(text: string): EntryDob | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (m === null) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (year < 1800 || year > 2200) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { year, month, day, toYear: null };
}
