/**
 * PRC resident identity card numbers (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2
 * check character. Digits 7 to 14 are the holder's birth date, which goAML asks for and which
 * Custos therefore never stores a second time.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const RESIDENT_ID = /^\d{17}[\dX]$/;

export function isResidentIdNumber(text: string): boolean {
  const value = text.toUpperCase();
  if (!RESIDENT_ID.test(value)) return false;
  let sum = 0;
  for (let index = 0; index < WEIGHTS.length; index += 1)
    sum += Number(value[index]) * (WEIGHTS[index] ?? 0);
  return CHECK_CHARACTERS[sum % 11] === value[17];
}

/** The birth date (`YYYY-MM-DD`) of a valid resident ID number, else undefined. */
export function residentIdBirthDate(text: string): string | undefined {
  if (!isResidentIdNumber(text)) return undefined;
  const date = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return date;
}
