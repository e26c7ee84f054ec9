import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camt053, createReconHarness, tableCounts, type ReconHarness } from './recon-harness.js';

// Goal: the whole path over HTTP — import with dedupe, dry run, commit, suggested matches,
// breaks and their resolution (four-eyes adjustment, suspense), the safeguarding check with a
// shortfall, and the monthly return. Method: real database, deposits through the instruction
// API, statements generated to quote the instruction ids as end-to-end ids.

const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);

describe('reconciliation over HTTP', () => {
  let h: ReconHarness;
  let ids: string[] = [];
  beforeAll(async () => {
    h = await createReconHarness();
    ids = [
      await h.deposit(0, '100.00'),
      await h.deposit(1, '100.00'),
      await h.deposit(2, '100.00'),
    ];
  });
  afterAll(() => h.close());

  it('imports a statement once; the second upload changes nothing and says so', async () => {
    const content = camt053('STMT-1', 0n, [
      { amountMinor: 10000n, endToEndId: ids[0] as string },
      { amountMinor: 10000n, remittance: `top up ${ids[1] as string}` },
      { amountMinor: 10000n },
      { amountMinor: 500n },
    ]);
    const first = await h.call('POST', `${h.base}/imports`, { body: { format: 'auto', content } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ duplicateFile: false, linesImported: 4, linesDuplicate: 0 });
    const before = await tableCounts(h.db);
    const again = await h.call('POST', `${h.base}/imports`, { body: { format: 'camt', content } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      duplicateFile: true,
      importId: first.body.importId,
      linesImported: 0,
    });
    expect(await tableCounts(h.db)).toEqual(before);
    // The same lines in another file (different bytes) are recognised by fingerprint.
    const overlap = await h.call('POST', `${h.base}/imports`, {
      body: { format: 'auto', content: content.replace('<MsgId>STMT-1', '<MsgId>STMT-1b') },
    });
    expect(overlap.body).toMatchObject({
      duplicateFile: false,
      linesImported: 0,
      linesDuplicate: 4,
    });
  });

  it('dry run shows matches and stores nothing; a committed run stores matches and breaks', async () => {
    const before = await tableCounts(h.db);
    const dry = await h.call('POST', `${h.base}/runs`, { body: { asOf: today, dryRun: true } });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      runId: null,
      confirmedCount: 2,
      suggestedCount: 1,
      unmatchedBankCount: 1,
    });
    expect(await tableCounts(h.db)).toEqual(before);
    const run = await h.call('POST', `${h.base}/runs`, { body: { asOf: today } });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({
      confirmedCount: 2,
      suggestedCount: 1,
      unmatchedBookCount: 0,
      breaksOpened: 1,
    });
    const rerun = await h.call('POST', `${h.base}/runs`, { body: { asOf: today } });
    expect(rerun.body).toMatchObject({ bankItemCount: 1, matchCount: 0, breaksOpened: 0 });
  });

  it('confirms a suggested match', async () => {
    const suggested = await h.call('GET', `${h.base}/matches?state=suggested`);
    const items = suggested.body.items as { id: string }[];
    expect(items).toHaveLength(1);
    const confirmed = await h.call('POST', `${h.base}/matches/${items[0]?.id}/confirm`);
    expect(confirmed.body).toEqual({ id: items[0]?.id, state: 'confirmed' });
    const twice = await h.call('POST', `${h.base}/matches/${items[0]?.id}/confirm`);
    expect(twice.status).toBe(409);
  });

  it('checks safeguarding with items in flight, then resolves the break by a four-eyes adjustment', async () => {
    const first = await h.call('POST', `${h.base}/safeguarding`, { body: { asOf: today } });
    const check = (first.body.items as Record<string, unknown>[])[0];
    expect(check).toMatchObject({
      status: 'ok',
      bankClosing: { amountMinor: '30500' },
      unmatchedBank: { amountMinor: '500' },
      drift: { amountMinor: '0' },
      reserveAdequate: false,
    });
    const breaks = (await h.call('GET', `${h.base}/breaks?state=unresolved`)).body.items as Record<
      string,
      unknown
    >[];
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatchObject({
      side: 'bank',
      amount: { amountMinor: '500' },
      ageDays: 0,
      state: 'open',
    });
    const asked = await h.call('POST', `${h.base}/breaks/${String(breaks[0]?.id)}/resolve`, {
      body: {
        resolution: 'adjust',
        counterAccountType: 'reserve',
        reason: 'bank interest goes to the reserve',
      },
    });
    expect(asked.status).toBe(202);
    const approvalId = String(asked.body.approvalId);
    const approved = await h.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: h.approverKey,
      body: { reason: 'checked the bank advice' },
    });
    expect(approved.status).toBe(200);
    const after = (await h.call('GET', `${h.base}/breaks?state=resolved`)).body.items as Record<
      string,
      unknown
    >[];
    expect(after[0]).toMatchObject({ resolution: 'adjusted' });
    const second = await h.call('POST', `${h.base}/safeguarding`, { body: { asOf: today } });
    expect((second.body.items as Record<string, unknown>[])[0]).toMatchObject({
      status: 'ok',
      unmatchedBank: { amountMinor: '0' },
      reserve: { amountMinor: '500' },
      required: { amountMinor: '30500' },
      drift: { amountMinor: '0' },
    });
  });

  it('records a shortfall as critical when money left the bank unexplained, and reports it', async () => {
    const day2 = camt053('STMT-2', 30500n, [{ amountMinor: -5000n, servicerRef: 'FRAUD-1' }]);
    expect(
      (await h.call('POST', `${h.base}/imports`, { body: { format: 'auto', content: day2 } }))
        .status,
    ).toBe(201);
    await h.call('POST', `${h.base}/runs`, { body: { asOf: today } });
    const open = (await h.call('GET', `${h.base}/breaks?state=open`)).body.items as Record<
      string,
      unknown
    >[];
    const moved = await h.call('POST', `${h.base}/breaks/${String(open[0]?.id)}/resolve`, {
      body: { resolution: 'suspense', note: 'under investigation' },
    });
    expect(moved.status).toBe(200);
    const checked = await h.call('POST', `${h.base}/safeguarding`, { body: { asOf: today } });
    expect((checked.body.items as Record<string, unknown>[])[0]).toMatchObject({
      status: 'shortfall',
      severity: 'critical',
      drift: { amountMinor: '-5000' },
    });
    const alerts = await h.db.query<{ severity: string; source: string }>(
      `SELECT severity, source FROM alerts WHERE platform_id = $1 AND rule_id = 'recon.safeguarding_shortfall'`,
      [h.books.platformId],
    );
    expect(alerts).toEqual([{ severity: 'critical', source: 'reconciliation' }]);
    const history = await h.call('GET', `${h.base}/safeguarding`);
    expect((history.body.items as unknown[]).length).toBe(3);
    const report = await h.call('GET', `${h.base}/safeguarding-return/${month}`);
    expect(report.body).toMatchObject({
      month,
      breaches: [{ currency: 'CNY', driftMinor: '-5000' }],
    });
    const csv = await h.call('GET', `${h.base}/safeguarding-return/${month}?format=csv`);
    expect(csv.text.split('\n')[0]).toMatch(/^record,platformId,month,currency/);
    expect(csv.text).toContain('breach,');
    const audit = await h.db.query(
      `SELECT count(*)::int AS n FROM audit_records WHERE action = 'safeguarding.shortfall'`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('keeps reconciliation from platform clients and refuses a mapping-less CSV', async () => {
    // The platform does not reconcile or resolve its own custody breaks: staff do.
    const platformClient = await h.call('GET', `${h.base}/breaks`, { key: h.books.apiKey });
    expect(platformClient.status).toBe(403);
    const csv = await h.call('POST', `${h.base}/imports`, {
      body: { format: 'csv', content: 'a,b' },
    });
    expect(csv.status).toBe(400);
  });
});
