/**
 * goAML wants a first and a last name. Chinese names put the family name first, mostly one
 * character and sometimes two (the compound surnames below); other names are split at the
 * last space. A name that cannot be split goes whole into last_name and first_name repeats it
 * rather than inventing a part.
 */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '令狐',
  '夏侯',
  '端木',
  '独孤',
  '南宫',
  '西门',
]);

const HAN = /^\p{Script=Han}+$/u;

export interface SplitName {
  lastName: string;
  firstName: string;
}

export function splitPersonName(fullName: string): SplitName {
  const name = fullName.trim().replace(/\s+/g, ' ');
  const characters = [...name];
  if (HAN.test(name) && characters.length >= 2) {
    const head = characters.slice(0, 2).join('');
    const surnameLength = COMPOUND_SURNAMES.has(head) && characters.length >= 3 ? 2 : 1;
    return {
      lastName: characters.slice(0, surnameLength).join(''),
      firstName: characters.slice(surnameLength).join(''),
    };
  }
  const space = name.lastIndexOf(' ');
  if (space > 0) return { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
  return { lastName: name, firstName: name };
}
