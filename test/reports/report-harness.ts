import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import { reportRoutes } from '../../src/api/routes/reports.js';
import { openCustomerAccount, registerCustomer } from '../../src/custody/index.js';
import { cstDayOfMs, isoOfEpochDay } from '../../src/reports/index.js';
import { cstDayBoundsMs } from '../../src/reports/cst-day.js';
import { createStaff } from '../cases/case-support.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';

export interface ReportHarness {
  api: ApiHarness;
  platformId: string;
  officerA: string;
  officerB: string;
  auditor: string;
  customers: { zhang: Customer; li: Customer; wang: Customer };
  deposit(to: Customer, amount: string, channel?: { cash?: boolean }): Promise<string>;
  today(): string;
  /**
   * Ends the current CST day: the process clock (Date only) moves to the first minute of the
   * next CST day and keeps running from there. Returns the day that ended, which the batch
   * now accepts. The clock only moves forward; `restoreClock` undoes it.
   */
  endDay(): string;
  restoreClock(): void;
  path(suffix: string): string;
  /**
   * A suspicious transaction report drafted by officer A about Zhang and `instructionId`, with
   * a reason for suspicion: complete enough to be asked for submission. Returns its id.
   */
  createStr(instructionId: string): Promise<string>;
}

export interface Customer {
  customerId: string;
  accountId: string;
}

/**
 * The API with the report routes (registered here until the server does it), a platform
 * with three Chinese customers holding valid resident ID numbers (or not, for Wang), two
 * compliance officers and an auditor.
 */
export async function createReportHarness(): Promise<ReportHarness> {
  const api = await createApiHarness();
  if (!api.app.hasRoute({ method: 'GET', url: '/v1/platforms/:platformId/reports' }))
    await api.app.register(reportRoutes, { db: api.db, custody: undefined as never });
  const { platformId, platform } = api.books;
  const customer = async (name: string, idNumber: string, phone: string): Promise<Customer> => {
    const registered = await registerCustomer(api.db, platform, platformId, {
      kind: 'person',
      externalRef: `report-${randomUUID()}`,
      personalData: { name, idNumber, phone },
    });
    if (!registered.ok) throw new Error(registered.error.message);
    const opened = await openCustomerAccount(
      api.db,
      platform,
      platformId,
      registered.value.customerId,
      'CNY',
    );
    if (!opened.ok) throw new Error(opened.error.message);
    return { customerId: registered.value.customerId, accountId: opened.value.accountId };
  };
  const customers = {
    zhang: await customer('张三', '11010519491231002X', '13800138000'),
    li: await customer('李四', '440524188001010014', '+86 139 0000 0000'),
    wang: await customer('王五', 'P1234567', '13700137000'),
  };
  const officerA = (await createStaff(api.db, 'compliance_officer')).apiKey;
  const officerB = (await createStaff(api.db, 'compliance_officer')).apiKey;
  const auditor = (await createStaff(api.db, 'auditor')).apiKey;
  return {
    api,
    platformId,
    officerA,
    officerB,
    auditor,
    customers,
    async deposit(to, amount, channel) {
      const reply = await api.call('POST', `/v1/platforms/${platformId}/instructions`, {
        body: {
          type: 'deposit',
          amount,
          currency: 'CNY',
          purpose: 'top_up',
          payeeAccountId: to.accountId,
          ...(channel === undefined ? {} : { channel }),
        },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(reply.status).toBe(201);
      return String(reply.body.id);
    },
    today: () => isoOfEpochDay(cstDayOfMs(Date.now())),
    endDay() {
      const ended = cstDayOfMs(Date.now());
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      vi.setSystemTime(cstDayStartMs(ended + 1) + 60_000);
      return isoOfEpochDay(ended);
    },
    restoreClock: () => vi.useRealTimers(),
    path: (suffix) => `/v1/platforms/${platformId}/reports${suffix}`,
    async createStr(instructionId) {
      const created = await api.call('POST', `/v1/platforms/${platformId}/reports/str`, {
        key: officerA,
        body: {
          content: {
            reason: '资金快进快出，与客户身份不符。',
            action: '',
            indicators: ['-'],
            subjects: [{ customerId: customers.zhang.customerId }],
            transactions: [{ instructionId }],
          },
        },
      });
      expect(created.status).toBe(201);
      return String(created.body.id);
    },
  };
}

function cstDayStartMs(day: number): number {
  return cstDayBoundsMs(day).startMs;
}

export const ENTITY_SETTINGS = {
  rentityId: 4711,
  rentityBranch: '上海分行',
  reportingUserCode: 'CUSTOS01',
  institutionName: 'Custos 存管银行',
  institutionCode: 'CUSTOSBANK',
  address: '浦东新区世纪大道 100 号',
  city: '上海',
  countryCode: 'CN',
};
