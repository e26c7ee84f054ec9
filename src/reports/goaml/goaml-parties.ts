import { residentIdBirthDate } from './resident-id.js';
import { splitPersonName } from './person-name.js';
import type { GoamlCodes } from '../reporting-entity.js';
import type { ResolvedCustomer, XmlTree } from './goaml-input.js';

/** Collects the mandatory fields a report lacks, each named once. */
export class MissingFields {
  private readonly names = new Set<string>();
  add(name: string): void {
    this.names.add(name);
  }
  list(): string[] {
    return [...this.names].sort();
  }
}

function required(
  value: string | undefined,
  missing: MissingFields,
  customerId: string,
  field: string,
): string {
  if (value === undefined || value.trim().length === 0) {
    missing.add(`customer[${customerId}].${field}`);
    return '-';
  }
  return value.trim();
}

function isResident(customer: ResolvedCustomer): boolean {
  return customer.idNumber !== undefined && residentIdBirthDate(customer.idNumber) !== undefined;
}

/** Country of nationality or residence: the profile's, else CN for a PRC resident ID holder. */
function countryOf(customer: ResolvedCustomer, stated: string | undefined): string | undefined {
  return stated ?? (isResident(customer) ? 'CN' : undefined);
}

function phoneOf(customer: ResolvedCustomer, codes: GoamlCodes, missing: MissingFields): XmlTree {
  const id = customer.customerId;
  const raw = required(customer.phone, missing, id, 'phone').replace(/[\s\-()]/g, '');
  const stated = customer.profile.phoneCountryPrefix;
  const residence = customer.profile.residence ?? customer.profile.incorporationCountry;
  let prefix = stated;
  let number = raw;
  if (raw.startsWith('+')) {
    prefix ??= raw.startsWith('+86') ? '86' : undefined;
    number =
      prefix !== undefined && raw.startsWith(`+${prefix}`)
        ? raw.slice(1 + prefix.length)
        : raw.slice(1);
  } else if (prefix === undefined && (countryOf(customer, residence) ?? '') === 'CN') {
    prefix = '86';
  }
  return {
    phone: {
      tph_contact_type: codes.phoneContactType,
      tph_communication_type: codes.phoneCommunicationType,
      tph_country_prefix: required(prefix, missing, id, 'phoneCountryPrefix'),
      tph_number: number.length > 0 ? number.slice(0, 50) : '-',
    },
  };
}

function nameParts(customer: ResolvedCustomer, missing: MissingFields): XmlTree {
  const full = required(customer.name, missing, customer.customerId, 'name');
  const { firstName, lastName } = splitPersonName(full);
  return { first_name: firstName.slice(0, 100), last_name: lastName.slice(0, 100) };
}

/** goAML t_person_my_client: everything an FIU needs to identify the reported person. */
export function clientPerson(
  customer: ResolvedCustomer,
  codes: GoamlCodes,
  missing: MissingFields,
): XmlTree {
  const id = customer.customerId;
  const idNumber = required(customer.idNumber, missing, id, 'idNumber');
  const birthDate = customer.idNumber === undefined ? undefined : residentIdBirthDate(idNumber);
  const profile = customer.profile;
  return {
    ...nameParts(customer, missing),
    birthdate: `${required(birthDate, missing, id, 'birthdate (from a PRC resident ID number)')}T00:00:00`,
    ssn: idNumber.slice(0, 25),
    nationality1: required(countryOf(customer, profile.nationality), missing, id, 'nationality'),
    residence: required(countryOf(customer, profile.residence), missing, id, 'residence'),
    phones: phoneOf(customer, codes, missing),
    occupation: required(profile.occupation, missing, id, 'occupation'),
  };
}

/** goAML t_entity_my_client: registration facts and the legal representative. */
export function clientEntity(
  customer: ResolvedCustomer,
  codes: GoamlCodes,
  missing: MissingFields,
): XmlTree {
  const id = customer.customerId;
  const profile = customer.profile;
  const name = required(customer.name, missing, id, 'name').slice(0, 255);
  const representative = splitPersonName(
    required(profile.representativeName, missing, id, 'representativeName'),
  );
  const incorporated = required(profile.incorporationDate, missing, id, 'incorporationDate');
  return {
    name,
    commercial_name: profile.commercialName ?? name,
    incorporation_legal_form: required(profile.legalForm, missing, id, 'legalForm'),
    incorporation_number: required(customer.idNumber, missing, id, 'idNumber').slice(0, 50),
    business: required(profile.business, missing, id, 'business'),
    phones: phoneOf(customer, codes, missing),
    incorporation_country_code: required(
      profile.incorporationCountry,
      missing,
      id,
      'incorporationCountry',
    ),
    related_persons: {
      entity_related_person: {
        person: { first_name: representative.firstName, last_name: representative.lastName },
        role: profile.representativeRole ?? codes.representativeRole,
      },
    },
    incorporation_date: incorporated === '-' ? '-' : `${incorporated}T00:00:00`,
  };
}

/** A customer who is not the subject: named only (goAML t_person / t_entity). */
export function namedParty(customer: ResolvedCustomer, missing: MissingFields): XmlTree {
  if (customer.kind === 'entity')
    return { name: required(customer.name, missing, customer.customerId, 'name').slice(0, 255) };
  return nameParts(customer, missing);
}

/** The country a party's funds come from or go to. */
export function partyCountry(customer: ResolvedCustomer, fallback: string): string {
  const profile = customer.profile;
  const stated = customer.kind === 'entity' ? profile.incorporationCountry : profile.residence;
  return countryOf(customer, stated) ?? fallback;
}
