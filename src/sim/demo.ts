import { randomUUID } from 'node:crypto';
import {
  createFreeze,
  createPlatform,
  openCustomerAccount,
  registerBankAccount,
  registerCustomer,
  registerCustomerKey,
  registerMandate,
  type Custody,
  type InstructionInput,
  type MandateDocument,
  type Result,
} from '../custody/index.js';
import type { Principal } from '../security/index.js';
import { DemoCustomer } from './demo-customer.js';

export const DEMO_PLATFORM_NAME = 'Demo Lending Platform';
const CURRENCY = 'CNY';
const LENDER_NAMES = [
  '王芳',
  'Li Wei',
  '张伟',
  'Chen Jing',
  '刘洋',
  'Zhao Lei',
  '杨静',
  'Huang Min',
];
const BORROWER_NAMES = ['Sun Trading Co.', '周强', 'Wu Logistics Ltd.', '徐丽'];

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`demo: ${what} failed: ${result.error.message}`);
  return result.value;
}

export interface DemoPlatform {
  platformId: string;
  apiKey: string;
  platform: Principal;
  lenders: DemoCustomer[];
  borrowers: DemoCustomer[];
  feeMandates: Map<string, string>;
  repaymentMandates: Map<string, string>;
}

/** Creates the demo platform and its customers, each with a key and a bank account. */
export async function createDemoPlatform(
  custody: Custody,
  staff: Principal,
): Promise<DemoPlatform> {
  const db = custody.db;
  const created = must(await createPlatform(db, staff, DEMO_PLATFORM_NAME, [CURRENCY]), 'platform');
  const platform: Principal = {
    id: created.clientId,
    kind: 'platform',
    platformId: created.platformId,
    role: 'platform',
    name: 'demo',
  };
  const lenders = LENDER_NAMES.map((name) => new DemoCustomer(name, 'lender'));
  const borrowers = BORROWER_NAMES.map((name) => new DemoCustomer(name, 'borrower'));
  for (const [index, customer] of [...lenders, ...borrowers].entries()) {
    const kind =
      customer.name.includes('Co.') || customer.name.includes('Ltd.') ? 'entity' : 'person';
    const registered = await registerCustomer(db, platform, created.platformId, {
      kind,
      externalRef: `demo-${index + 1}`,
      personalData: {
        name: customer.name,
        idNumber: `3101011985${String(100000 + index * 7919).slice(0, 6)}${index % 10}X`,
        phone: `1380013${String(index).padStart(4, '0')}`,
      },
    });
    customer.customerId = must(registered, 'customer').customerId;
    customer.accountId = must(
      await openCustomerAccount(db, platform, created.platformId, customer.customerId, CURRENCY),
      'account',
    ).accountId;
    customer.keyId = must(
      await registerCustomerKey(
        db,
        platform,
        created.platformId,
        customer.customerId,
        customer.publicKey,
      ),
      'key',
    ).keyId;
    const bank = await registerBankAccount(
      db,
      platform,
      created.platformId,
      customer.customerId,
      CURRENCY,
      {
        accountNumber: `62220210${String(10_000_000 + index * 104_729)}`,
        bankName: 'Demo Custodian Bank',
        holderName: customer.name,
      },
    );
    customer.bankAccountId = must(bank, 'bank account').bankAccountId;
  }
  return {
    platformId: created.platformId,
    apiKey: created.apiKey,
    platform,
    lenders,
    borrowers,
    feeMandates: new Map(),
    repaymentMandates: new Map(),
  };
}

async function mandate(
  demo: DemoPlatform,
  custody: Custody,
  payer: DemoCustomer,
  payeeAccountId: string,
  purpose: string,
  maxMinor: bigint,
): Promise<string> {
  const now = Date.now();
  const document: MandateDocument = {
    platformId: demo.platformId,
    customerId: payer.customerId,
    payerAccountId: payer.accountId,
    payeeAccountId,
    purpose,
    currency: CURRENCY,
    perInstructionMaxMinor: maxMinor.toString(),
    perPeriodMaxMinor: (maxMinor * 4n).toString(),
    periodDays: 30,
    validFrom: new Date(now - 60_000).toISOString(),
    validUntil: new Date(now + 365 * 86_400_000).toISOString(),
    nonce: randomUUID(),
  };
  const registered = await registerMandate(
    custody.db,
    demo.platform,
    demo.platformId,
    document,
    payer.keyId,
    payer.signMandate(document),
  );
  return must(registered, 'mandate').mandateId;
}

/** A lender's signed investment in a borrower's loan. */
function investment(
  demo: DemoPlatform,
  lender: DemoCustomer,
  borrower: DemoCustomer,
  amountMinor: bigint,
): InstructionInput {
  const input = {
    type: 'transfer' as const,
    idempotencyKey: key(),
    currency: CURRENCY,
    amountMinor,
    purpose: 'investment',
    payerAccountId: lender.accountId,
    payeeAccountId: borrower.accountId,
  };
  return lender.sign(demo.platformId, input, borrower.accountId);
}

function key(): string {
  return `demo-${randomUUID()}`;
}

/** A deterministic sequence of a lending platform's life: deposits, loans, repayments, fees. */
export async function seedDemoActivity(
  demo: DemoPlatform,
  custody: Custody,
  staff: Principal,
): Promise<number> {
  let posted = 0;
  const submit = async (input: InstructionInput, by: Principal = demo.platform) => {
    const result = await custody.submit(by, demo.platformId, input);
    if (result.ok) posted += 1;
    return result;
  };
  await custody.directory.ensure({
    accountIds: [],
    platformIds: [demo.platformId],
    bankAccountIds: [],
    keyIds: [],
  });
  const feesAccount = custody.directory.systemAccount(demo.platformId, 'fees', CURRENCY);
  if (feesAccount === undefined) throw new Error('demo: no fees account');
  for (const [index, lender] of demo.lenders.entries()) {
    await submit({
      type: 'deposit',
      idempotencyKey: key(),
      currency: CURRENCY,
      amountMinor: BigInt(50_000 + index * 25_000) * 100n,
      purpose: 'top_up',
      payeeAccountId: lender.accountId,
    });
  }
  await submit({
    type: 'reserve_contribution',
    idempotencyKey: key(),
    currency: CURRENCY,
    amountMinor: 200_000_00n,
    purpose: 'risk_reserve',
  });
  for (const [index, borrower] of demo.borrowers.entries()) {
    const investors = demo.lenders.slice(index * 2, index * 2 + 3);
    for (const lender of investors) {
      const amountMinor = BigInt(20_000 + index * 5_000) * 100n;
      await submit(investment(demo, lender, borrower, amountMinor));
      demo.repaymentMandates.set(
        `${borrower.customerId}/${lender.customerId}`,
        await mandate(demo, custody, borrower, lender.accountId, 'repayment', amountMinor),
      );
    }
    demo.feeMandates.set(
      borrower.customerId,
      await mandate(demo, custody, borrower, feesAccount.id, 'service_fee', 100_000n),
    );
    await submit({
      type: 'fee',
      idempotencyKey: key(),
      currency: CURRENCY,
      amountMinor: 50_000n,
      purpose: 'service_fee',
      payerAccountId: borrower.accountId,
      authorization: {
        kind: 'mandate',
        mandateId: demo.feeMandates.get(borrower.customerId) ?? '',
      },
    });
    await submit(
      borrower.sign(
        demo.platformId,
        {
          type: 'withdrawal',
          idempotencyKey: key(),
          currency: CURRENCY,
          amountMinor: 30_000_00n,
          purpose: 'disbursement',
          payerAccountId: borrower.accountId,
          bankAccountId: borrower.bankAccountId,
        },
        '',
      ),
    );
    for (const lender of investors) {
      const mandateId =
        demo.repaymentMandates.get(`${borrower.customerId}/${lender.customerId}`) ?? '';
      await submit({
        type: 'transfer',
        idempotencyKey: key(),
        currency: CURRENCY,
        amountMinor: 2_150_00n,
        purpose: 'repayment',
        payerAccountId: borrower.accountId,
        payeeAccountId: lender.accountId,
        authorization: { kind: 'mandate', mandateId },
      });
    }
  }
  const [first, second] = demo.lenders;
  if (first !== undefined && second !== undefined) {
    await submit(
      first.sign(
        demo.platformId,
        {
          type: 'withdrawal',
          idempotencyKey: key(),
          currency: CURRENCY,
          amountMinor: 10_000_00n,
          purpose: 'cash_out',
          payerAccountId: first.accountId,
          bankAccountId: first.bankAccountId,
        },
        '',
      ),
    );
    // A large transfer held for review, and an attempt without the customer's signature.
    await submit({
      ...second.sign(
        demo.platformId,
        {
          type: 'transfer',
          idempotencyKey: key(),
          currency: CURRENCY,
          amountMinor: 40_000_00n,
          purpose: 'investment',
          payerAccountId: second.accountId,
          payeeAccountId: first.accountId,
        },
        first.accountId,
      ),
      hold: true,
    });
    await custody.submit(demo.platform, demo.platformId, {
      type: 'transfer',
      idempotencyKey: key(),
      currency: CURRENCY,
      amountMinor: 5_000_00n,
      purpose: 'investment',
      payerAccountId: second.accountId,
      payeeAccountId: first.accountId,
    });
  }
  const frozen = demo.borrowers.at(-1);
  if (frozen !== undefined) {
    must(
      await createFreeze(custody.db, staff, demo.platformId, {
        customerId: frozen.customerId,
        scope: 'debits',
        reasonCode: 'aml_investigation',
        note: 'demo: unusual repayment pattern',
      }),
      'freeze',
    );
  }
  return posted;
}

/** One random step of ongoing life, so the console shows a system that moves. */
export async function demoTick(
  demo: DemoPlatform,
  custody: Custody,
  random: () => number = Math.random,
): Promise<void> {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const lender = pick(demo.lenders);
  const borrower = pick(demo.borrowers.slice(0, -1));
  const amountMinor = BigInt(Math.floor(100 + random() * 900)) * 100n;
  const roll = random();
  let input: InstructionInput;
  if (roll < 0.4) {
    input = {
      type: 'deposit',
      idempotencyKey: key(),
      currency: CURRENCY,
      amountMinor,
      purpose: 'top_up',
      payeeAccountId: lender.accountId,
    };
  } else if (roll < 0.7) {
    const mandateId = demo.repaymentMandates.get(`${borrower.customerId}/${lender.customerId}`);
    input =
      mandateId === undefined
        ? investment(demo, lender, borrower, amountMinor)
        : {
            type: 'transfer',
            idempotencyKey: key(),
            currency: CURRENCY,
            amountMinor: amountMinor / 10n,
            purpose: 'repayment',
            payerAccountId: borrower.accountId,
            payeeAccountId: lender.accountId,
            authorization: { kind: 'mandate', mandateId },
          };
  } else {
    input = lender.sign(
      demo.platformId,
      {
        type: 'withdrawal',
        idempotencyKey: key(),
        currency: CURRENCY,
        amountMinor: amountMinor / 2n,
        purpose: 'cash_out',
        payerAccountId: lender.accountId,
        bankAccountId: lender.bankAccountId,
      },
      '',
    );
  }
  await custody.submit(demo.platform, demo.platformId, input);
}
