import type { XmlTree } from '../goaml/goaml-input.js';
import { REPORT_LIMITS } from '../report-limits.js';
import type { BstrInput, CamlmacInput, HvtrInput, HvtrItem } from './camlmac-input.js';
import {
  camlmacDate,
  camlmacTime,
  MissingFields,
  subjectFields,
  transactionDetail,
} from './camlmac-parties.js';

export type CamlmacBuild =
  { ok: true; root: 'HVTR' | 'BSTR'; tree: XmlTree } | { ok: false; missing: string[] };

function header(input: CamlmacInput, missing: MissingFields): XmlTree {
  const code = input.institution.code.trim();
  if (code.length === 0) missing.add('RBIF.RICD');
  if (input.messageType !== 'N' && input.originalReference === null)
    missing.add("RBIF.ORRF (the original report's FIU reference)");
  return {
    RICD: code.length === 0 ? '-' : code,
    MSTP: `${input.messageType}${input.kind === 'HVTR' ? 'BH' : 'BS'}`,
    RPID: input.reportId,
    RPDT: camlmacTime(input.reportDateMs).slice(0, 8),
    ...(input.originalReference === null ? {} : { ORRF: input.originalReference }),
  };
}

/** Items of one customer and day become one CATI; each category one HTCR; each instruction one TSDT. */
function customerBlocks(input: HvtrInput, missing: MissingFields): XmlTree[] {
  const groups = new Map<string, HvtrItem[]>();
  for (const item of input.items) {
    const key = `${item.subject.customer.customerId}|${item.businessDate}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const blocks: XmlTree[] = [];
  for (const items of groups.values()) {
    const first = items[0];
    if (first === undefined) continue;
    const customerId = first.subject.customer.customerId;
    const seen = new Set<string>();
    const details: XmlTree[] = [];
    for (const item of items) {
      if (item.transactions.length === 0) missing.add(`customer[${customerId}].transactions`);
      for (const t of item.transactions) {
        if (seen.has(t.instructionId)) continue;
        seen.add(t.instructionId);
        details.push(transactionDetail(t, customerId, input.institution, input.codes, missing));
      }
    }
    blocks.push({
      ...subjectFields(first.subject, input.codes, missing),
      HTDT: camlmacDate(first.businessDate),
      HTCRs: {
        HTCR: items.map((item) => ({
          CRCD: input.codes.characteristic[item.category],
          TTNM: String(item.transactions.length),
        })),
      },
      TSDTs: { TSDT: details },
    });
  }
  return blocks;
}

function buildHvtr(input: HvtrInput, missing: MissingFields): XmlTree {
  if (input.items.length === 0) missing.add('CATIs (no customer reached a threshold)');
  const blocks = customerBlocks(input, missing);
  return {
    RBIF: { ...header(input, missing), CTTN: String(blocks.length) },
    CATIs: { CATI: blocks },
  };
}

function buildBstr(input: BstrInput, missing: MissingFields): XmlTree {
  if (input.analysis.trim().length === 0) missing.add('RBIF.AOSP (the grounds for suspicion)');
  if (input.characteristics.length === 0) missing.add('RBIF.STCR (suspicion characteristic codes)');
  if (input.subjects.length === 0) missing.add('SEIFs (the subjects)');
  if (input.transactions.length === 0) missing.add('STIFs (the transactions)');
  const subjectIds = new Set(input.subjects.map((s) => s.customer.customerId));
  const codes = input.codes;
  const stifs = input.transactions.map((t) => {
    const ids = [t.to, t.from].flatMap((p) => (p.role === 'client' ? [p.customer.customerId] : []));
    const subjectId = ids.find((id) => subjectIds.has(id)) ?? '';
    return { ...transactionDetail(t, subjectId, input.institution, codes, missing) };
  });
  const narrative = (text: string) => text.slice(0, REPORT_LIMITS.narrativeCharsMax);
  return {
    RBIF: {
      ...header(input, missing),
      DETR: codes.urgency,
      TPTR: codes.trigger,
      STCB: narrative(input.behaviour.trim().length === 0 ? input.analysis : input.behaviour),
      AOSP: narrative(input.analysis),
      TOSC: codes.suspectedCrime,
      STCRs: { STCR: [...input.characteristics] },
      SETN: String(input.subjects.length),
      STTN: String(input.transactions.length),
    },
    SEIFs: { SEIF: input.subjects.map((s) => subjectFields(s, codes, missing)) },
    STIFs: { STIF: stifs },
  };
}

/**
 * A CAMLMAC-style large-value (HVTR) or suspicious (BSTR) report as an element tree in
 * document order, or every mandatory field it lacks, each named. Pure.
 */
export function buildCamlmacReport(input: CamlmacInput): CamlmacBuild {
  const missing = new MissingFields();
  const tree = input.kind === 'HVTR' ? buildHvtr(input, missing) : buildBstr(input, missing);
  const names = missing.list();
  return names.length === 0 ? { ok: true, root: input.kind, tree } : { ok: false, missing: names };
}
