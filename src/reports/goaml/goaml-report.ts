import { cstDateTime } from '../cst-day.js';
import { REPORT_LIMITS } from '../report-limits.js';
import type {
  GoamlParty,
  GoamlReportInput,
  GoamlTransaction,
  ResolvedCustomer,
  XmlTree,
} from './goaml-input.js';
import {
  clientEntity,
  clientPerson,
  MissingFields,
  namedParty,
  partyCountry,
} from './goaml-parties.js';

export type GoamlBuild = { ok: true; tree: XmlTree } | { ok: false; missing: string[] };

/** A non-negative minor-unit amount as a plain decimal (goAML sql_decimal). */
export function decimalOf(amountMinor: bigint, exponent: number): string {
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(digits.length - exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

function side(
  prefix: 'from' | 'to',
  party: GoamlParty,
  transaction: GoamlTransaction,
  input: GoamlReportInput,
  missing: MissingFields,
): [string, XmlTree] {
  const { entity } = input;
  const body: XmlTree = { [`${prefix}_funds_code`]: entity.codes.fundsCode };
  if (prefix === 'from' && transaction.rateMicros !== null) {
    body.from_foreign_currency = {
      foreign_currency_code: transaction.currency,
      foreign_amount: decimalOf(transaction.amountMinor, transaction.exponent),
      foreign_exchange_rate: decimalOf(transaction.rateMicros, 6),
    };
  }
  if (party.role === 'house') {
    body[`${prefix}_account`] = {
      institution_name: entity.institutionName,
      institution_code: entity.institutionCode,
      account: party.accountId,
    };
    body[`${prefix}_country`] = entity.countryCode;
    return [`t_${prefix}`, body];
  }
  const { customer } = party;
  const kind = customer.kind === 'entity' ? 'entity' : 'person';
  if (party.role === 'client') {
    body[`${prefix}_${kind}`] =
      kind === 'entity'
        ? clientEntity(customer, entity.codes, missing)
        : clientPerson(customer, entity.codes, missing);
  } else {
    body[`${prefix}_${kind}`] = namedParty(customer, missing);
  }
  body[`${prefix}_country`] = partyCountry(customer, entity.countryCode);
  return [party.role === 'client' ? `t_${prefix}_my_client` : `t_${prefix}`, body];
}

function transactionTree(
  transaction: GoamlTransaction,
  input: GoamlReportInput,
  missing: MissingFields,
): XmlTree {
  const [fromName, from] = side('from', transaction.from, transaction, input, missing);
  const [toName, to] = side('to', transaction.to, transaction, input, missing);
  const codes = input.entity.codes;
  return {
    transactionnumber: transaction.instructionId,
    transaction_location: input.entity.rentityBranch,
    transaction_description: transaction.description.slice(0, REPORT_LIMITS.narrativeCharsMax),
    date_transaction: cstDateTime(transaction.postedAtMs),
    transmode_code: transaction.cash ? codes.transmodeCash : codes.transmodeTransfer,
    amount_local: decimalOf(transaction.amountCnyMinor, 2),
    [fromName]: from,
    [toName]: to,
  };
}

/**
 * A report party (goAML 5.0 `activity/report_parties`): a subject of the report whom no listed
 * transaction involves, identified in full. The `person` and `entity` elements (t_person,
 * t_entity) are the ones goAML 5.0 supports there; they take every element of the my-client
 * forms, so the same mandatory fields are required and named when missing.
 */
function reportPartyTree(
  customer: ResolvedCustomer,
  input: GoamlReportInput,
  missing: MissingFields,
): XmlTree {
  const codes = input.entity.codes;
  return customer.kind === 'entity'
    ? { entity: clientEntity(customer, codes, missing) }
    : { person: clientPerson(customer, codes, missing) };
}

/**
 * A goAML 5.0.1 transaction-based report (STR or CTR) as an element tree in schema order, or
 * the mandatory fields it lacks. Pure: the caller resolves customers, profiles and rates.
 * Subjects without a listed transaction follow the transactions as report parties.
 */
export function buildGoamlReport(input: GoamlReportInput): GoamlBuild {
  const missing = new MissingFields();
  if (input.reportCode === 'STR' && input.reason.trim().length === 0) missing.add('reason');
  if (input.transactions.length === 0) missing.add('transactions');
  if (input.indicators.length === 0) missing.add('indicators');
  const { entity } = input;
  const tree: XmlTree = {
    rentity_id: String(entity.rentityId),
    rentity_branch: entity.rentityBranch,
    submission_code: 'E',
    report_code: input.reportCode,
    entity_reference: input.entityReference,
    ...(input.fiuRefNumber === null ? {} : { fiu_ref_number: input.fiuRefNumber }),
    report_date: cstDateTime(input.reportDateMs),
    currency_code_local: 'CNY',
    reporting_user_code: entity.reportingUserCode,
    location: {
      address_type: entity.codes.addressType,
      address: entity.address,
      city: entity.city,
      country_code: entity.countryCode,
    },
    ...(input.reason.trim().length === 0
      ? {}
      : { reason: input.reason.slice(0, REPORT_LIMITS.narrativeCharsMax) }),
    ...(input.action.trim().length === 0
      ? {}
      : { action: input.action.slice(0, REPORT_LIMITS.narrativeCharsMax) }),
    transaction: input.transactions.map((t) => transactionTree(t, input, missing)),
    ...(input.reportParties.length === 0
      ? {}
      : {
          activity: {
            report_parties: {
              report_party: input.reportParties.map((c) => reportPartyTree(c, input, missing)),
            },
          },
        }),
    report_indicators: { indicator: [...input.indicators] },
  };
  const names = missing.list();
  return names.length === 0 ? { ok: true, tree } : { ok: false, missing: names };
}
