import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backtestCommand,
  registerMonitorCommands,
  statusCommand,
  type CommandIo,
} from '../../src/cli/monitor-commands.js';
import { Custody } from '../../src/custody/index.js';
import { MonitorService } from '../../src/monitor-service/monitor-service.js';
import { saveDraft } from '../../src/monitor-service/rule-store.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

let db: Database;
let books: TestBooks;
let draftVersion = 0;
const HOUR_MS = 3_600_000;
/** Deposits of at least CNY 1,000 (the draft rule's threshold) among those seeded. */
const LARGE_DEPOSITS = 3;

beforeAll(async () => {
  db = await createTestDatabase();
  books = await createTestBooks(db, 3);
  const custody = new Custody(db);
  const amounts = [250_000n, 99_999n, 100_000n, 5_000n, 7_500_000n];
  for (const [index, amountMinor] of amounts.entries()) {
    const customer = books.customers[index % books.customers.length];
    if (customer === undefined) throw new Error('no customer');
    const result = await custody.submit(books.platform, books.platformId, {
      type: 'deposit',
      idempotencyKey: randomUUID(),
      currency: 'CNY',
      amountMinor,
      purpose: 'topup',
      payeeAccountId: customer.accountId,
    });
    if (!result.ok) throw new Error(result.error.message);
  }
  await custody.close();
  const saved = await saveDraft(db, books.staff, books.platformId, 'rule', {
    id: 'test.large_deposit',
    version: 1,
    severity: 'low',
    mode: 'async',
    description: 'A deposit of at least CNY 1,000.',
    basis: 'Backtest fixture.',
    template: 'threshold',
    params: { direction: 'in', filter: { kinds: ['deposit'] }, atLeast: { CNY: '1000' } },
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  draftVersion = saved.value.version;
}, 120_000);
afterAll(async () => {
  await db.close();
});

function capture(errIsTty: boolean): CommandIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    errIsTty,
    out: (line) => stdout.push(line),
    err: (text) => stderr.push(text),
  };
}

function window() {
  return {
    from: new Date(Date.now() - HOUR_MS).toISOString(),
    to: new Date(Date.now() + HOUR_MS).toISOString(),
  };
}

describe('custos monitor rules backtest', () => {
  it('prints the comparison of a draft against the active pack, with plain progress lines', async () => {
    const io = capture(false);
    const report = await backtestCommand(
      db,
      {
        platformId: books.platformId,
        ruleId: 'test.large_deposit',
        version: draftVersion,
        ...window(),
      },
      io,
    );
    expect(report.newAlerts).toBe(LARGE_DEPOSITS);
    expect(report.lostAlerts).toBe(0);
    expect(report.overlap).toBe(report.active.alerts);
    expect(report.draft.alerts).toBe(report.active.alerts + LARGE_DEPOSITS);
    const text = io.stdout.join('\n');
    expect(text).toContain(`overlap ${report.active.alerts}, new ${LARGE_DEPOSITS}, lost 0`);
    expect(text).toMatch(
      new RegExp(`test\\.large_deposit\\s+0\\s+${LARGE_DEPOSITS}\\s+${LARGE_DEPOSITS}`),
    );
    expect(text).toMatch(/per 1,000 customers\s+[\d.]+\s+[\d.]+/);
    expect(text).toContain('New alerts (examples)');
    expect(io.stderr.some((line) => line.startsWith('backtest: 100%'))).toBe(true);
    expect(io.stderr.every((line) => !line.includes('\r'))).toBe(true);
  });

  it('counts nothing outside the period and draws a bar on a terminal', async () => {
    const io = capture(true);
    const report = await backtestCommand(
      db,
      {
        platformId: books.platformId,
        ruleId: 'test.large_deposit',
        version: draftVersion,
        from: '2001-01-01T00:00:00Z',
        to: '2001-02-01T00:00:00Z',
      },
      io,
    );
    expect(report.events).toBe(0);
    expect(report.draft.alerts).toBe(0);
    expect(io.stdout.join('\n')).toContain('overlap 0, new 0, lost 0');
    expect(io.stderr.join('')).toMatch(/\r\[#+\] 100%/);
  });

  it('refuses an unknown version and a period that ends before it starts', async () => {
    const io = capture(false);
    const base = { platformId: books.platformId, ruleId: 'test.large_deposit', ...window() };
    await expect(backtestCommand(db, { ...base, version: 99 }, io)).rejects.toThrow(/not found/);
    await expect(
      backtestCommand(db, { ...base, version: draftVersion, from: base.to, to: base.from }, io),
    ).rejects.toThrow(/--to must follow --from/);
  });
});

describe('custos monitor status', () => {
  it('shows each evaluator’s position, how far behind it is, and its snapshot', async () => {
    const service = new MonitorService(db, {
      consumer: 'status-test',
      writeAlerts: async () => undefined,
    });
    await service.restore();
    await service.catchUp();
    await service.snapshot();
    const io = capture(false);
    await statusCommand(db, io, true);
    const status = JSON.parse(io.stdout.join('\n')) as {
      lastLeafIndex: number;
      positions: { consumer: string; behind: number }[];
      snapshots: { consumer: string; engines: number }[];
    };
    expect(status.positions.find((p) => p.consumer === 'status-test')?.behind).toBe(0);
    expect(status.snapshots.find((s) => s.consumer === 'status-test')?.engines).toBe(1);
    const text = capture(false);
    await statusCommand(db, text);
    expect(text.stdout.join('\n')).toMatch(/status-test\s+\d+\s+0\s+/);
  });

  it('registers every monitor command', () => {
    const program = new Command('custos');
    registerMonitorCommands(program);
    const monitor = program.commands.find((c) => c.name() === 'monitor');
    const names = (command: Command | undefined) => command?.commands.map((c) => c.name()) ?? [];
    expect(names(monitor).sort()).toEqual(['kris', 'publish', 'rules', 'status', 'worker']);
    expect(names(monitor?.commands.find((c) => c.name() === 'rules')).sort()).toEqual([
      'backtest',
      'list',
    ]);
  });
});
