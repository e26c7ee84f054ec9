import type { AccountType } from '../ledger/index.js';
import type { AccountDirectory, AccountInfo } from './account-directory.js';
import { failure, success, type Result } from './errors.js';
import type { InstructionInput } from './instruction.js';

/** Where an instruction moves money, and what it needs before it may. */
export interface InstructionRoute {
  debit: AccountInfo;
  credit: AccountInfo;
  /** The customer whose authorization is required: the owner of a debited customer account. */
  authorizingCustomerId: string | null;
  /** Held until a second person approves (reserve payouts, reversals). */
  needsApproval: boolean;
}

export interface ReversedInstruction {
  id: string;
  platformId: string;
  debitAccountId: string;
  creditAccountId: string;
  amountMinor: bigint;
  currency: string;
  status: 'pending' | 'posted' | 'voided';
  reversedMinor: bigint;
}

type Lookup = Result<AccountInfo>;

/**
 * Maps an instruction to its debit and credit accounts (pure, given the account directory).
 * Every account must belong to the submitting platform and be of the type the instruction
 * allows: a deposit can only credit a customer, a fee can only credit the fees account, etc.
 */
export function routeInstruction(
  platformId: string,
  input: InstructionInput,
  directory: AccountDirectory,
  reversed?: ReversedInstruction,
): Result<InstructionRoute> {
  const own = (id: string | undefined, field: string, types: AccountType[]): Lookup => {
    if (id === undefined)
      return failure('validation_failed', `${field} is required for ${input.type}`);
    const account = directory.account(id);
    if (account === undefined || account.platformId !== platformId) {
      return failure('unknown_account', `account ${id} not found`, { accountId: id });
    }
    if (!types.includes(account.type)) {
      return failure('wrong_account_type', `${field} must be a ${types.join(' or ')} account`, {
        accountId: id,
        type: account.type,
      });
    }
    return success(account);
  };
  const system = (type: AccountType): Lookup => {
    const account = directory.systemAccount(platformId, type, input.currency);
    if (account === undefined) {
      return failure('unknown_account', `platform has no ${type} account in ${input.currency}`);
    }
    return success(account);
  };
  switch (input.type) {
    case 'deposit':
      return build(
        system('custody_bank'),
        own(input.payeeAccountId, 'payeeAccountId', ['customer']),
      );
    case 'withdrawal': {
      const payer = own(input.payerAccountId, 'payerAccountId', ['customer']);
      if (!payer.ok) return payer;
      const bank =
        input.bankAccountId === undefined ? undefined : directory.bankAccount(input.bankAccountId);
      if (bank === undefined || bank.customerId !== payer.value.customerId) {
        return failure(
          'unknown_bank_account',
          'bankAccountId must be a bank account the payer registered',
        );
      }
      if (bank.currency !== input.currency) {
        return failure('currency_mismatch', 'the bank account is in another currency');
      }
      return build(payer, system('custody_bank'));
    }
    case 'transfer':
      return build(
        own(input.payerAccountId, 'payerAccountId', ['customer']),
        own(input.payeeAccountId, 'payeeAccountId', ['customer']),
      );
    case 'fee':
      return build(own(input.payerAccountId, 'payerAccountId', ['customer']), system('fees'));
    case 'reserve_contribution':
      return build(system('custody_bank'), system('reserve'));
    case 'reserve_payout':
      return build(
        system('reserve'),
        own(input.payeeAccountId, 'payeeAccountId', ['customer']),
        true,
      );
    case 'reversal':
      return routeReversal(platformId, input, directory, reversed);
  }
}

function build(debit: Lookup, credit: Lookup, needsApproval = false): Result<InstructionRoute> {
  if (!debit.ok) return debit;
  if (!credit.ok) return credit;
  if (debit.value.id === credit.value.id)
    return failure('same_account', 'payer and payee are the same account');
  const authorizingCustomerId = debit.value.type === 'customer' ? debit.value.customerId : null;
  return success({
    debit: debit.value,
    credit: credit.value,
    authorizingCustomerId,
    needsApproval,
  });
}

function routeReversal(
  platformId: string,
  input: InstructionInput,
  directory: AccountDirectory,
  reversed: ReversedInstruction | undefined,
): Result<InstructionRoute> {
  if (reversed === undefined || reversed.platformId !== platformId) {
    return failure(
      'unknown_instruction',
      'reversesInstructionId must name an instruction of this platform',
    );
  }
  if (reversed.status !== 'posted')
    return failure('invalid_state', 'only a posted instruction can be reversed');
  if (reversed.currency !== input.currency)
    return failure('currency_mismatch', 'reversal in another currency');
  if (reversed.reversedMinor + input.amountMinor > reversed.amountMinor) {
    return failure('validation_failed', 'reversal exceeds what is left of the original amount', {
      remainingMinor: (reversed.amountMinor - reversed.reversedMinor).toString(),
    });
  }
  const debit = directory.account(reversed.creditAccountId);
  const credit = directory.account(reversed.debitAccountId);
  if (debit === undefined || credit === undefined)
    return failure('unknown_account', 'original accounts missing');
  return build(success(debit), success(credit), true);
}
