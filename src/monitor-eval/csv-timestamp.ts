/**
 * Timestamps of transaction files: ISO 8601, epoch milliseconds or seconds, or a pattern such
 * as `YYYY/MM/DD HH:mm`. Times without a zone are read at the mapping's UTC offset. Parsed by
 * hand (never `Date.parse` of a zoneless text, which would use the machine's zone).
 */
export type TimestampParser = (text: string) => number | null;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TOKENS: Record<string, string> = {
  YYYY: '(\\d{4})',
  MM: '(\\d{1,2})',
  DD: '(\\d{1,2})',
  HH: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{1,9})',
};
const TOKEN_PATTERN = /YYYY|SSS|MM|DD|HH|mm|ss/g;

export function timestampParser(
  format: string,
  utcOffsetMinutes: number,
): TimestampParser | string {
  if (format === 'epoch_ms') return (text) => epoch(text, 1);
  if (format === 'epoch_s') return (text) => epoch(text, 1000);
  if (format === 'iso') return (text) => iso(text, utcOffsetMinutes);
  const order: string[] = [];
  const escaped = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = escaped.replace(TOKEN_PATTERN, (token) => {
    order.push(token);
    return TOKENS[token] ?? '';
  });
  for (const needed of ['YYYY', 'MM', 'DD']) {
    if (!order.includes(needed)) return `format '${format}' has no ${needed}`;
  }
  const pattern = new RegExp(`^${source}$`);
  return (text) => {
    const match = pattern.exec(text.trim());
    if (match === null) return null;
    const part = (token: string) => {
      const index = order.indexOf(token);
      return index < 0 ? '0' : (match[index + 1] ?? '0');
    };
    return compose(
      [part('YYYY'), part('MM'), part('DD'), part('HH'), part('mm'), part('ss'), part('SSS')],
      utcOffsetMinutes,
    );
  };
}

function epoch(text: string, factor: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,16}$/.test(trimmed)) return null;
  const value = Number(trimmed) * factor;
  return Number.isSafeInteger(value) ? value : null;
}

function iso(text: string, utcOffsetMinutes: number): number | null {
  const match = ISO.exec(text.trim());
  if (match === null) return null;
  const zone = match[8];
  let offset = utcOffsetMinutes;
  if (zone === 'Z') offset = 0;
  else if (zone !== undefined) {
    const digits = zone.replace(':', '');
    const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
    offset = digits.startsWith('-') ? -minutes : minutes;
  }
  const parts = [1, 2, 3, 4, 5, 6, 7].map((index) => match[index] ?? '0');
  return compose(parts, offset);
}

function compose(parts: string[], utcOffsetMinutes: number): number | null {
  const [year, month, day, hour, minute, second] = parts.slice(0, 6).map(Number) as number[];
  const fraction = (parts[6] ?? '0').padEnd(3, '0').slice(0, 3);
  if (month === undefined || day === undefined || hour === undefined) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23) return null;
  if ((minute ?? 0) > 59 || (second ?? 0) > 59) return null;
  const utc = Date.UTC(year ?? 0, month - 1, day, hour, minute ?? 0, second ?? 0, Number(fraction));
  const check = new Date(utc);
  if (check.getUTCDate() !== day) return null;
  return utc - utcOffsetMinutes * 60_000;
}
