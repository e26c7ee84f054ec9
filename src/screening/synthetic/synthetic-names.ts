/**
 * Seeded synthetic names for benchmarks and load tests: a realistic mix of Latin,
 * Arabic-transliterated, Chinese (in characters and in pinyin) and Russian (in Cyrillic and
 * romanised) names, and an OFAC-SDN-format list built from them. Deterministic per seed.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LATIN_FIRST = [
  'James',
  'Maria',
  'Carlos',
  'Elena',
  'Pierre',
  'Juan',
  'Ana',
  'Luis',
  'Miguel',
  'Sofia',
  'David',
  'Laura',
  'Jorge',
  'Isabel',
  'Pedro',
  'Lucia',
  'Antonio',
  'Carmen',
  'Francisco',
  'Rosa',
  'Manuel',
  'Jose',
  'Daniel',
  'Paula',
  'Andres',
  'Victor',
  'Diego',
  'Marta',
  'Hugo',
  'Claudia',
];
const LATIN_LAST = [
  'Garcia',
  'Martinez',
  'Lopez',
  'Gonzalez',
  'Rodriguez',
  'Fernandez',
  'Perez',
  'Sanchez',
  'Ramirez',
  'Torres',
  'Flores',
  'Rivera',
  'Gomez',
  'Diaz',
  'Reyes',
  'Morales',
  'Ortiz',
  'Castillo',
  'Romero',
  'Herrera',
  'Medina',
  'Aguilar',
  'Vargas',
  'Castro',
  'Mendoza',
  'Ruiz',
  'Alvarez',
  'Jimenez',
  'Moreno',
  'Navarro',
  'Dubois',
  'Lefevre',
  'Rossi',
  'Bianchi',
  'Schmidt',
  'Weber',
  'Novak',
  'Kowalski',
];
const ARABIC_FIRST = [
  'Mohammed',
  'Ahmed',
  'Ali',
  'Omar',
  'Hassan',
  'Hussein',
  'Khalid',
  'Abdullah',
  'Ibrahim',
  'Yousef',
  'Mahmoud',
  'Mustafa',
  'Tariq',
  'Saeed',
  'Faisal',
  'Hamza',
  'Jamal',
  'Nasser',
  'Walid',
  'Ziad',
  'Karim',
  'Samir',
  'Bilal',
  'Rashid',
  'Adel',
];
const ARABIC_LAST = [
  'Al-Rashid',
  'Al-Masri',
  'Haddad',
  'Al-Tikriti',
  'Khalil',
  'Al-Zahrani',
  'Al-Qahtani',
  'Nasrallah',
  'Al-Hashimi',
  'Darwish',
  'Al-Amin',
  'Bakr',
  'Al-Sayed',
  'Mansour',
  'Al-Obeidi',
  'Suleiman',
  'Al-Shami',
  'Qasim',
  'Al-Jubouri',
  'Hamdan',
  'Al-Baghdadi',
  'Yassin',
  'Al-Awlaki',
  'Zaidan',
];
const HAN_SURNAME = [
  ...'王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢',
];
const HAN_GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩凯鹏飞龙海波辉俊峰亮晨阳晓东雪梅',
];
const RU_FIRST = [
  'Александр',
  'Дмитрий',
  'Сергей',
  'Андрей',
  'Алексей',
  'Владимир',
  'Иван',
  'Михаил',
  'Николай',
  'Евгений',
  'Ольга',
  'Елена',
  'Татьяна',
  'Наталья',
  'Ирина',
  'Юрий',
  'Виктор',
  'Павел',
  'Олег',
  'Игорь',
];
const RU_PATRONYMIC = [
  'Александрович',
  'Дмитриевич',
  'Сергеевич',
  'Андреевич',
  'Владимирович',
  'Иванович',
  'Михайлович',
  'Николаевич',
  'Юрьевич',
  'Викторович',
  'Павлович',
  'Олегович',
];
const RU_LAST = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
];
/** Syllables that build family names, so an 18,000-name list is as varied as a real one. */
const LATIN_ROOTS = [
  'Alba',
  'Bel',
  'Bran',
  'Cal',
  'Cor',
  'Dal',
  'Esca',
  'Fer',
  'Gal',
  'Guer',
  'Her',
  'Iba',
  'Lar',
  'Lom',
  'Mar',
  'Mon',
  'Nar',
  'Ol',
  'Pal',
  'Quin',
  'Ros',
  'Sal',
  'Ser',
  'Tor',
  'Val',
  'Ver',
  'Zam',
  'Bar',
  'Cas',
  'Del',
  'Est',
  'Fon',
  'Gar',
  'Lin',
  'Mir',
  'Nav',
  'Ort',
  'Pin',
  'Rib',
  'Sot',
];
const LATIN_ENDINGS = [
  'ada',
  'ez',
  'ero',
  'illo',
  'ino',
  'ona',
  'ales',
  'anda',
  'eira',
  'oza',
  'uela',
  'ente',
  'ardo',
  'ier',
  'ano',
  'edo',
  'ini',
  'etti',
  'mann',
  'berg',
];
const ARABIC_ROOTS = [
  'Rash',
  'Masr',
  'Hadd',
  'Tikr',
  'Khal',
  'Zahr',
  'Qaht',
  'Nasr',
  'Hash',
  'Darw',
  'Am',
  'Bakr',
  'Say',
  'Mans',
  'Obeid',
  'Sulaym',
  'Sham',
  'Qas',
  'Jubur',
  'Hamd',
  'Baghd',
  'Yass',
  'Awl',
  'Zayd',
  'Kub',
  'Fath',
  'Jaz',
  'Muz',
  'Taw',
  'Ghan',
];
const ARABIC_ENDINGS = ['i', 'ani', 'awi', 'ari', 'uri', 'id', 'an', 'ah', 'oun', 'iri'];
const RU_ROOTS = [
  'Иван',
  'Смирн',
  'Кузнец',
  'Поп',
  'Васил',
  'Петр',
  'Сокол',
  'Михайл',
  'Новик',
  'Федор',
  'Мороз',
  'Волк',
  'Лебед',
  'Семен',
  'Егор',
  'Павл',
  'Козл',
  'Степан',
  'Орл',
  'Макар',
  'Никит',
  'Захар',
  'Зайц',
  'Сорок',
  'Бел',
  'Медвед',
  'Ершов',
  'Громык',
  'Тарас',
  'Беляк',
];
const RU_ENDINGS = ['ов', 'ев', 'ин', 'енко', 'ский', 'ович', 'ых', 'ук'];

const COMPANY_WORDS = [
  'Global',
  'Trading',
  'Petroleum',
  'Shipping',
  'Maritime',
  'Industrial',
  'Investment',
  'Energy',
  'Logistics',
  'Aviation',
  'Steel',
  'Chemical',
  'Technology',
  'Mining',
  'Finance',
  'Pacific',
  'Eastern',
  'Northern',
  'Golden',
  'Star',
  'Ocean',
  'Silk',
  'Crescent',
  'Union',
];
const COMPANY_FORMS = ['LLC', 'Ltd.', 'Co., Ltd.', 'S.A.', 'FZE', 'JSC', 'GmbH', 'Limited'];

export type NameStyle = 'latin' | 'arabic' | 'chinese' | 'russian' | 'company';

export interface SyntheticParty {
  style: NameStyle;
  /** The name as the SDN list writes it ("LAST, First" for individuals). */
  sdnName: string;
  /** The name in natural order, romanised. */
  display: string;
  /** The same name in its original script, where it has one. */
  original: string | null;
  dob: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export class NameGenerator {
  readonly #random: () => number;

  constructor(seed: number) {
    this.#random = seededRandom(seed);
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.#random() * list.length)]!;
  }

  chance(p: number): boolean {
    return this.#random() < p;
  }

  int(max: number): number {
    return Math.floor(this.#random() * max);
  }

  #dob(): string {
    return `${String(1 + this.int(28)).padStart(2, '0')} ${this.pick(MONTHS)} ${1940 + this.int(60)}`;
  }

  party(style: NameStyle): SyntheticParty {
    const dob = this.#dob();
    switch (style) {
      case 'latin': {
        const first = this.pick(LATIN_FIRST);
        const middle = this.chance(0.4) ? ` ${this.pick(LATIN_FIRST)}` : '';
        const family = () =>
          this.chance(0.3)
            ? this.pick(LATIN_LAST)
            : this.pick(LATIN_ROOTS) + this.pick(LATIN_ENDINGS);
        const last = `${family()}${this.chance(0.5) ? ` ${family()}` : ''}`;
        return {
          style,
          sdnName: `${last.toUpperCase()}, ${first}${middle}`,
          display: `${first}${middle} ${last}`,
          original: null,
          dob,
        };
      }
      case 'arabic': {
        const first = this.pick(ARABIC_FIRST);
        const father = this.pick(ARABIC_FIRST);
        const last = this.chance(0.3)
          ? this.pick(ARABIC_LAST)
          : `Al-${this.pick(ARABIC_ROOTS)}${this.pick(ARABIC_ENDINGS)}`;
        return {
          style,
          sdnName: `${last.toUpperCase()}, ${first} ${father}`,
          display: `${first} ${father} ${last}`,
          original: null,
          dob,
        };
      }
      case 'chinese': {
        const surname = this.pick(HAN_SURNAME);
        const given = this.pick(HAN_GIVEN) + (this.chance(0.7) ? this.pick(HAN_GIVEN) : '');
        return { style, sdnName: '', display: '', original: surname + given, dob };
      }
      case 'russian': {
        const first = this.pick(RU_FIRST);
        const patronymic = this.pick(RU_PATRONYMIC);
        const last = this.chance(0.3)
          ? this.pick(RU_LAST)
          : this.pick(RU_ROOTS) + this.pick(RU_ENDINGS);
        return { style, sdnName: '', display: '', original: `${last} ${first} ${patronymic}`, dob };
      }
      case 'company': {
        const coined =
          this.pick(LATIN_ROOTS) +
          this.pick(ARABIC_ENDINGS) +
          this.pick(['x', 'tek', 'co', 'on', 'ia', 'ex']);
        const words = [coined, this.pick(COMPANY_WORDS), this.pick(COMPANY_WORDS)];
        const name = `${words.join(' ')} ${this.pick(COMPANY_FORMS)}`;
        return { style, sdnName: name.toUpperCase(), display: name, original: null, dob };
      }
    }
  }

  /** A style drawn with the mix of a real SDN list. */
  style(): NameStyle {
    const r = this.#random();
    return r < 0.3
      ? 'latin'
      : r < 0.55
        ? 'arabic'
        : r < 0.7
          ? 'chinese'
          : r < 0.82
            ? 'russian'
            : 'company';
  }
}

function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

export interface SyntheticSdn {
  sdn: string;
  alt: string;
  parties: SyntheticParty[];
}

/**
 * An OFAC-SDN-format list of `count` entries (sdn.csv and alt.csv): Chinese and Russian
 * names appear romanised as primary names with the original script as an alias, the way
 * OFAC lists them. `romanise` turns original-script names into list spellings.
 */
export function syntheticSdn(
  count: number,
  seed: number,
  romanise: (original: string, style: NameStyle) => { sdnName: string; display: string },
): SyntheticSdn {
  const gen = new NameGenerator(seed);
  const sdn: string[] = [];
  const alt: string[] = [];
  const parties: SyntheticParty[] = [];
  let altNum = 1;
  for (let i = 0; i < count; i += 1) {
    const p = gen.party(gen.style());
    if (p.original !== null) Object.assign(p, romanise(p.original, p.style));
    parties.push(p);
    const id = 100_000 + i;
    const individual = p.style !== 'company';
    const remarks = individual
      ? `DOB ${p.dob}; nationality ${gen.pick(['Iran', 'Syria', 'Russia', 'China', 'Venezuela', 'Mexico', 'Iraq'])}.`
      : 'Linked To: SYNTHETIC.';
    sdn.push(
      [
        String(id),
        csvCell(p.sdnName),
        individual ? '"individual"' : '-0- ',
        csvCell(gen.pick(['SDGT', 'IRAN', 'RUSSIA-EO14024', 'SDNTK', 'CYBER2', 'NPWMD'])),
        '-0- ',
        '-0- ',
        '-0- ',
        '-0- ',
        '-0- ',
        '-0- ',
        '-0- ',
        csvCell(remarks),
      ].join(','),
    );
    if (p.original !== null)
      alt.push([String(id), String(altNum++), '"aka"', csvCell(p.original), '-0- '].join(','));
    if (gen.chance(0.3)) {
      const variant = p.display.replace(/a/i, 'e');
      alt.push([String(id), String(altNum++), '"aka"', csvCell(variant), '-0- '].join(','));
    }
  }
  return { sdn: `${sdn.join('\r\n')}\r\n`, alt: `${alt.join('\r\n')}\r\n`, parties };
}
