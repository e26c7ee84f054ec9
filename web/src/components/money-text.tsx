import type { Money } from '../api/index.js';
import { groupDigits } from '../format/index.js';

/** An amount with its currency, in monospace so columns of figures line up. */
export function MoneyText({ value, hideCurrency }: { value: Money; hideCurrency?: boolean }) {
  const negative = value.amount.startsWith('-');
  return (
    <span
      className={negative ? 'money money-negative' : 'money'}
      title={`${value.amountMinor} minor`}
    >
      {groupDigits(value.amount)}
      {hideCurrency ? null : <span className="money-currency">{value.currency}</span>}
    </span>
  );
}
