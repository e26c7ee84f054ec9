/**
 * Country names as lists write them ("Iran (Islamic Republic of)", "Russian Federation") to
 * ISO 3166-1 alpha-2 codes. English region names come from the runtime's ICU data; the
 * United Nations' own spellings are added where they differ.
 */
const UN_SPELLINGS: Record<string, string> = {
  'iran islamic republic of': 'IR',
  'democratic peoples republic of korea': 'KP',
  'republic of korea': 'KR',
  'syrian arab republic': 'SY',
  'russian federation': 'RU',
  'united kingdom of great britain and northern ireland': 'GB',
  'united kingdom': 'GB',
  'viet nam': 'VN',
  'lao peoples democratic republic': 'LA',
  'united republic of tanzania': 'TZ',
  'bolivia plurinational state of': 'BO',
  'venezuela bolivarian republic of': 'VE',
  'republic of moldova': 'MD',
  'democratic republic of the congo': 'CD',
  congo: 'CG',
  'republic of the congo': 'CG',
  turkiye: 'TR',
  turkey: 'TR',
  'state of palestine': 'PS',
  palestine: 'PS',
  'occupied palestinian territory': 'PS',
  'libyan arab jamahiriya': 'LY',
  'cote divoire': 'CI',
  'ivory coast': 'CI',
  'united states of america': 'US',
  usa: 'US',
  burma: 'MM',
  swaziland: 'SZ',
  'czech republic': 'CZ',
  'the former yugoslav republic of macedonia': 'MK',
  kosovo: 'XK',
  'gaza strip': 'PS',
  myanmar: 'MM',
  'china hong kong special administrative region': 'HK',
  'china macao special administrative region': 'MO',
  'hong kong': 'HK',
  'west bank': 'PS',
};

function key(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

let table: Map<string, string> | null = null;

function countryTable(): Map<string, string> {
  if (table !== null) return table;
  const map = new Map<string, string>();
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26; i += 1) {
    for (let j = 0; j < 26; j += 1) {
      const code = String.fromCharCode(A + i, A + j);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name === undefined || name === code || name === 'Unknown Region') continue;
      // Withdrawn codes (SU, BU, YU …) are aliases of current ones: skip them.
      if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      map.set(key(name), code);
      // "Myanmar (Burma)", "Congo - Kinshasa": the part before the qualifier names it too.
      const short = name.split(/ \(| - /)[0]!;
      if (short !== name && !map.has(key(short))) map.set(key(short), code);
    }
  }
  for (const [name, code] of Object.entries(UN_SPELLINGS)) map.set(name, code);
  table = map;
  return map;
}

/** ISO alpha-2 code of a country name or code; null when it names no country. */
export function countryCode(nameOrCode: string): string | null {
  const trimmed = nameOrCode.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  if (trimmed.length === 0) return null;
  return countryTable().get(key(trimmed)) ?? null;
}
