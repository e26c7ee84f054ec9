import { isValidIban } from './iban.js';

export interface Mt940Account {
  readonly iban?: string;
  readonly otherId?: string;
  /** Currency some banks append to :25: (`NL91ABNA0417164300EUR`). */
  readonly currencySuffix?: string;
}

/**
 * :25: account identification. It is an IBAN when the checksum says so, optionally followed by
 * a currency code; anything else (`BLZ/account`, `BIC/account`) is kept verbatim as otherId.
 */
export function mt940ReadAccount(value: string): Mt940Account {
  const trimmed = value.trim();
  const compact = trimmed.replace(/ /g, '');
  if (isValidIban(compact)) return { iban: compact };
  const suffixed = /^(.*?)[ /]?([A-Z]{3})$/.exec(compact);
  if (suffixed !== null && isValidIban(suffixed[1] ?? '')) {
    return { iban: suffixed[1] ?? '', currencySuffix: suffixed[2] ?? '' };
  }
  return { otherId: trimmed };
}
