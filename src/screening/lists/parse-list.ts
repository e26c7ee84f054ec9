import { LIST_FILE_BYTES_MAX } from '../screening-limits.js';
import { parseInternalCsv, parseInternalJson } from './internal-list.js';
import { ListFormatError, type ListKind, type ParsedList } from './list-entry.js';
import { parseOfacCsv } from './ofac-csv.js';
import { parseOpenSanctionsCsv } from './opensanctions-csv.js';
import { parseUnConsolidatedXml } from './un-xml.js';

export interface ListFile {
  /** File name as uploaded: tells OFAC's sdn/alt/add apart and internal CSV from JSON. */
  name: string;
  content: string;
}

/** Which OFAC file this is: by its name, else by its column count. */
function ofacRole(file: ListFile): 'sdn' | 'alt' | 'add' {
  const base = file.name.toLowerCase();
  if (/(^|[^a-z])sdn([^a-z]|$)/.test(base)) return 'sdn';
  if (/(^|[^a-z])alt([^a-z]|$)/.test(base)) return 'alt';
  if (/(^|[^a-z])add([^a-z]|$)/.test(base)) return 'add';
  const firstLine = file.content.split('\n', 1)[0] ?? '';
  const commas = (firstLine.replace(/"[^"]*"/g, '').match(/,/g) ?? []).length;
  if (commas === 11) return 'sdn';
  if (commas === 4) return 'alt';
  if (commas === 5) return 'add';
  throw new ListFormatError(`${file.name}: cannot tell whether it is sdn.csv, alt.csv or add.csv`);
}

/** Parses the files of one list import; any problem refuses the whole import. */
export function parseListFiles(kind: ListKind, files: readonly ListFile[]): ParsedList {
  if (files.length === 0) throw new ListFormatError('no file given');
  for (const f of files) {
    if (Buffer.byteLength(f.content, 'utf8') > LIST_FILE_BYTES_MAX)
      throw new ListFormatError(`${f.name}: larger than ${LIST_FILE_BYTES_MAX} bytes`);
    if (f.content.includes('\u0000'))
      throw new ListFormatError(`${f.name}: binary content (NUL bytes)`);
  }
  const one = (): ListFile => {
    if (files.length !== 1)
      throw new ListFormatError(`a ${kind} list is one file; got ${files.length}`);
    return files[0]!;
  };
  switch (kind) {
    case 'un':
      return parseUnConsolidatedXml(one().content);
    case 'opensanctions':
      return parseOpenSanctionsCsv(one().content);
    case 'internal': {
      const f = one();
      return f.name.toLowerCase().endsWith('.json') ||
        f.content.trimStart().startsWith('[') ||
        f.content.trimStart().startsWith('{')
        ? parseInternalJson(f.content)
        : parseInternalCsv(f.content);
    }
    case 'ofac': {
      if (files.length > 3)
        throw new ListFormatError('OFAC takes at most three files: sdn.csv, alt.csv, add.csv');
      const byRole: Partial<Record<'sdn' | 'alt' | 'add', string>> = {};
      for (const f of files) {
        const role = ofacRole(f);
        if (byRole[role] !== undefined) throw new ListFormatError(`two ${role}.csv files given`);
        byRole[role] = f.content;
      }
      if (byRole.sdn === undefined) throw new ListFormatError('sdn.csv is missing');
      return parseOfacCsv({
        sdn: byRole.sdn,
        ...(byRole.alt === undefined ? {} : { alt: byRole.alt }),
        ...(byRole.add === undefined ? {} : { add: byRole.add }),
      });
    }
  }
}
