/**
 * Amounts stay decimal text end to end: the console never turns money into a float. These
 * helpers only regroup digits for reading.
 */
export function groupDigits(amount: string): string {
  const negative = amount.startsWith('-');
  const unsigned = negative ? amount.slice(1) : amount;
  const [whole = '0', fraction] = unsigned.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  return negative ? `-${text}` : text;
}

/** Minor units as a decimal with `exponent` fraction digits: ("125050", 2) -> "1250.50". */
export function minorToDecimal(minor: string, exponent: number): string {
  const negative = minor.startsWith('-');
  const digits = (negative ? minor.slice(1) : minor).replace(/^0+(?=\d)/, '');
  if (exponent <= 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(exponent + 1, '0');
  const text = `${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
  return negative ? `-${text}` : text;
}

/** The currency's exponent as seen in an amount the server formatted ("1250.50" -> 2). */
export function exponentOf(amount: string): number {
  const point = amount.indexOf('.');
  return point === -1 ? 0 : amount.length - point - 1;
}
