import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer } from '../../src/custody/index.js';
import { exportReportCamlmac } from '../../src/reports/camlmac/camlmac-export.js';
import { exportReportXml } from '../../src/reports/index.js';
import { sha256Hex } from '../../src/reports/report-files.js';
import { loadSubjectProfiles } from '../../src/reports/subject-profiles.js';
import { SEALED_TEXT_COLUMNS } from '../../src/security/field-encryption/rotation-steps.js';
import { personalDataVaultOf } from '../../src/security/index.js';
import { createReportHarness, ENTITY_SETTINGS, type ReportHarness } from './report-harness.js';
import { validateGoaml, XSD_SKIP_REASON } from './goaml-xsd.js';

// Goal: a filed STR names every subject (those without a listed transaction as goAML report
// parties), the files approved under four-eyes (goAML and CAMLMAC) are byte for byte the files
// exported, one follow-up of a report is open at a time (concurrent requests included), and a
// legal representative's name is stored sealed. Method: the report routes over real postings.

let h: ReportHarness;
let instructionId: string;
let entityId: string;

beforeAll(async () => {
  h = await createReportHarness();
  instructionId = await h.deposit(h.customers.zhang, '8888.00');
  await h.api.call('PUT', h.path('/entity'), { key: h.officerA, body: ENTITY_SETTINGS });
  for (const customer of [h.customers.zhang, h.customers.li])
    await h.api.call('PUT', h.path(`/subjects/${customer.customerId}`), {
      key: h.officerA,
      body: { occupation: '教师' },
    });
  const entity = await registerCustomer(h.api.db, h.api.books.platform, h.platformId, {
    kind: 'entity',
    externalRef: `report-${randomUUID()}`,
    personalData: {
      name: '上海某某贸易有限公司',
      idNumber: '91310000MA1FL0000X',
      phone: '021-60000000',
    },
  });
  if (!entity.ok) throw new Error(entity.error.message);
  entityId = entity.value.customerId;
  const saved = await h.api.call('PUT', h.path(`/subjects/${entityId}`), {
    key: h.officerA,
    body: {
      legalForm: 'A',
      business: '进出口贸易',
      incorporationCountry: 'CN',
      incorporationDate: '2015-06-01',
      representativeName: '赵六',
    },
  });
  expect(saved.status).toBe(200);
});
afterAll(() => h.api.close());

const content = (subjects: string[]) => ({
  reason: '资金快进快出，与客户身份不符。',
  action: '',
  indicators: ['-'],
  subjects: subjects.map((customerId) => ({ customerId })),
  transactions: [{ instructionId }],
});

async function newStr(subjects: string[]): Promise<string> {
  const created = await h.api.call('POST', h.path('/str'), {
    key: h.officerA,
    body: { content: content(subjects) },
  });
  expect(created.status).toBe(201);
  return String(created.body.id);
}

async function exported(reportId: string, standard: 'goaml' | 'camlmac' = 'goaml') {
  const response = await h.api.app.inject({
    method: 'GET',
    url: h.path(`/${reportId}/export?standard=${standard}`),
    headers: { authorization: `Bearer ${h.officerB}` },
  });
  expect(response.statusCode).toBe(200);
  return {
    xml: response.body,
    sha256: String(response.headers['x-content-sha256']),
    disposition: String(response.headers['content-disposition']),
  };
}

type SubmitPayload = {
  sha256: string;
  camlmac: { sha256?: string; fileName?: string; missingFields?: string[] };
};

async function requestSubmission(reportId: string) {
  const requested = await h.api.call('POST', h.path(`/${reportId}/submission`), {
    key: h.officerA,
    body: { reason: 'file it' },
  });
  expect(requested.status).toBe(202);
  const approvalId = String(requested.body.approvalId);
  const rows = await h.api.db.query<{ payload: SubmitPayload }>(
    'SELECT payload FROM approvals WHERE id = $1',
    [approvalId],
  );
  const payload = rows[0]?.payload;
  if (payload === undefined) throw new Error(`approval ${approvalId} not found`);
  expect(requested.body.camlmac).toEqual(payload.camlmac);
  return { approvalId, payload };
}

async function decide(approvalId: string): Promise<void> {
  const approved = await h.api.call('POST', `/v1/approvals/${approvalId}/approve`, {
    key: h.officerB,
    body: { reason: 'sound' },
  });
  expect(approved.status).toBe(200);
}

const setOccupation = async (customerId: string, occupation: string) => {
  const saved = await h.api.call('PUT', h.path(`/subjects/${customerId}`), {
    key: h.officerA,
    body: { occupation },
  });
  expect(saved.status).toBe(200);
};

async function auditPayload(reportId: string, action: string) {
  const rows = await h.api.db.query<{ entry: string }>(
    `SELECT entry FROM audit_records WHERE entry::jsonb->>'subjectId' = $1
       AND entry::jsonb->>'action' = $2`,
    [reportId, action],
  );
  return (JSON.parse(rows[0]?.entry ?? '{}') as { payload?: unknown }).payload;
}

async function approve(reportId: string): Promise<{ approvalId: string; sha256: string }> {
  const { approvalId, payload } = await requestSubmission(reportId);
  await decide(approvalId);
  return { approvalId, sha256: payload.sha256 };
}

async function submit(reportId: string): Promise<void> {
  await approve(reportId);
  const submitted = await h.api.call('POST', h.path(`/${reportId}/submitted`), {
    key: h.officerB,
    body: { fiuRefNumber: `FIU-${reportId}` },
  });
  expect(submitted.status).toBe(200);
}

/** A stored file is sealed: neither an ID number nor the format's element names in clear. */
async function expectSealed(
  table: 'report_files' | 'report_camlmac_files',
  approvalId: string,
  element: string,
): Promise<void> {
  const stored = await h.api.db.query<{ xml_sealed: string[] }>(
    `SELECT xml_sealed FROM ${table} WHERE approval_id = $1`,
    [approvalId],
  );
  const sealed = (stored[0]?.xml_sealed ?? []).join('\n');
  expect(sealed).toMatch(/^enc:v1:/);
  expect(sealed).not.toContain('11010519491231002X');
  expect(sealed).not.toContain(element);
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await h.api.db.query<{ n: number }>(sql, params))[0]?.n ?? 0);

describe('subjects without a listed transaction', () => {
  it('are in the STR as report parties, identified in full, and it validates', async () => {
    const reportId = await newStr([
      h.customers.zhang.customerId,
      h.customers.li.customerId,
      entityId,
    ]);
    const { xml } = await exported(reportId);
    const activity = xml.slice(xml.indexOf('<activity>'), xml.indexOf('</activity>'));
    expect(activity).toContain('<ssn>440524188001010014</ssn>');
    expect(activity).toContain('<name>上海某某贸易有限公司</name>');
    // The representative's name comes from the sealed column.
    expect(activity).toContain('<last_name>赵</last_name>');
    // Zhang is in the transaction, not repeated as a party.
    expect(activity).not.toContain('11010519491231002X');
    expect(xml).toContain('<t_to_my_client>');
    if (XSD_SKIP_REASON === null) expect(validateGoaml(xml).output).toContain('validates');
  });

  it('whose mandatory fields are missing block submission, named, and nothing is written', async () => {
    const reportId = await newStr([h.customers.zhang.customerId, h.customers.wang.customerId]);
    const before = await count('SELECT count(*)::int AS n FROM approvals');
    const files = await count('SELECT count(*)::int AS n FROM report_files');
    const camlmacFiles = await count('SELECT count(*)::int AS n FROM report_camlmac_files');
    const refused = await h.api.call('POST', h.path(`/${reportId}/submission`), {
      key: h.officerA,
      body: { reason: 'file it' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('validation_failed');
    const wang = h.customers.wang.customerId;
    expect(refused.body.detail_fields).toMatchObject({
      missingFields: expect.arrayContaining([
        `customer[${wang}].occupation`,
        `customer[${wang}].birthdate (from a PRC resident ID number)`,
      ]) as unknown,
    });
    expect(await count('SELECT count(*)::int AS n FROM approvals')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM report_files')).toBe(files);
    expect(await count('SELECT count(*)::int AS n FROM report_camlmac_files')).toBe(camlmacFiles);
  });
});

describe('the approved file', () => {
  it('is exported byte for byte after customer data, profiles and rates change', async () => {
    const reportId = await newStr([h.customers.zhang.customerId, h.customers.li.customerId]);
    const requested = await h.api.call('POST', h.path(`/${reportId}/submission`), {
      key: h.officerA,
      body: { reason: 'file it' },
    });
    const approvalId = String(requested.body.approvalId);
    const payload = await h.api.db.query<{ payload: { sha256: string } }>(
      'SELECT payload FROM approvals WHERE id = $1',
      [approvalId],
    );
    const requestedSha = payload[0]?.payload.sha256 ?? '';
    // While awaiting approval, the export is the file the approver decides on.
    const pending = await exported(reportId);
    expect(pending.sha256).toBe(requestedSha);
    expect(sha256Hex(pending.xml)).toBe(requestedSha);
    // Inputs change between the request and the approval, and again after it.
    await h.api.call('PUT', h.path(`/subjects/${h.customers.li.customerId}`), {
      key: h.officerA,
      body: { occupation: '律师' },
    });
    const approved = await h.api.call('POST', `/v1/approvals/${approvalId}/approve`, {
      key: h.officerB,
      body: { reason: 'sound' },
    });
    expect(approved.status).toBe(200);
    await h.api.call('PUT', h.path(`/subjects/${h.customers.zhang.customerId}`), {
      key: h.officerA,
      body: { occupation: '医生' },
    });
    const rate = await h.api.call('PUT', '/v1/reports/fx-rates/USD', {
      key: h.officerA,
      body: { date: h.today(), cnyPerUnit: '6.5' },
    });
    expect(rate.status).toBe(200);
    await h.api.call('PUT', h.path('/entity'), {
      key: h.officerA,
      body: { ...ENTITY_SETTINGS, address: '黄浦区中山东一路 1 号' },
    });
    const after = await exported(reportId);
    expect(after.xml).toBe(pending.xml);
    expect(after.sha256).toBe(requestedSha);
    expect(sha256Hex(after.xml)).toBe(requestedSha);
    expect(after.xml).toContain('<occupation>教师</occupation>');
    expect(after.xml).not.toContain('律师');
    // Rendering afresh would differ: the stored file is what keeps the export fixed.
    const fresh = await exportReportXml(h.api.db, h.platformId, reportId, { fresh: true });
    expect(fresh.ok && fresh.value.xml).toContain('<occupation>医生</occupation>');
    const detail = await h.api.call('GET', h.path(`/${reportId}`), { key: h.officerA });
    expect(detail.body.report).toMatchObject({
      status: 'approved',
      approvedFileId: approvalId,
      approvedSha256: requestedSha,
    });
    expect(await auditPayload(reportId, 'report.approved')).toMatchObject({
      sha256: requestedSha,
    });
    await expectSealed('report_files', approvalId, 'report_code');
  });

  it('is rendered from current data for a report approved before files were stored', async () => {
    const reportId = await newStr([h.customers.zhang.customerId]);
    await approve(reportId);
    await h.api.call('PUT', h.path(`/subjects/${h.customers.zhang.customerId}`), {
      key: h.officerA,
      body: { occupation: '工程师' },
    });
    // As if approved before migration 0019: no stored file, rendered from the approved version.
    await h.api.db.query('UPDATE reports SET approved_file_id = NULL WHERE id = $1', [reportId]);
    const legacy = await exportReportXml(h.api.db, h.platformId, reportId);
    expect(legacy.ok).toBe(true);
    if (!legacy.ok) return;
    expect(legacy.value.stored).toBe(false);
    expect(legacy.value.xml).toContain('<occupation>工程师</occupation>');
    const camlmac = await exportReportCamlmac(h.api.db, h.platformId, reportId);
    expect(camlmac.ok && camlmac.value.stored).toBe(false);
    expect(camlmac.ok && camlmac.value.xml).toContain('<CTVC>工程师</CTVC>');
  });
});

describe('the approved CAMLMAC file', () => {
  it('is exported byte for byte after a reporting profile changes; a draft shows the change', async () => {
    const { zhang, li } = h.customers;
    await setOccupation(zhang.customerId, '教师');
    await setOccupation(li.customerId, '教师');
    const reportId = await newStr([zhang.customerId, li.customerId]);
    const draft = await newStr([zhang.customerId, li.customerId]);
    const { approvalId, payload } = await requestSubmission(reportId);
    const requestedSha = payload.camlmac.sha256 ?? '';
    expect(requestedSha).toMatch(/^[0-9a-f]{64}$/);
    expect(requestedSha).not.toBe(payload.sha256);
    // While awaiting approval, the export is the file the approver decides on.
    const pending = await exported(reportId, 'camlmac');
    expect(pending.sha256).toBe(requestedSha);
    expect(pending.disposition).toContain(`filename="${payload.camlmac.fileName ?? ''}"`);
    await decide(approvalId);
    await setOccupation(li.customerId, '律师');
    const after = await exported(reportId, 'camlmac');
    expect(after.xml).toBe(pending.xml);
    expect(after.sha256).toBe(requestedSha);
    expect(sha256Hex(after.xml)).toBe(requestedSha);
    expect(after.disposition).toBe(pending.disposition);
    expect(after.xml).toContain('<CTVC>教师</CTVC>');
    expect(after.xml).not.toContain('律师');
    const json = await exportReportCamlmac(h.api.db, h.platformId, reportId);
    expect(json.ok && json.value).toMatchObject({ stored: true, sha256: requestedSha });
    // Rendering afresh would differ; a draft is rendered afresh.
    const fresh = await exportReportCamlmac(h.api.db, h.platformId, reportId, { fresh: true });
    expect(fresh.ok && fresh.value.xml).toContain('<CTVC>律师</CTVC>');
    const drafted = await exported(draft, 'camlmac');
    expect(drafted.xml).toContain('<CTVC>律师</CTVC>');
    expect(sha256Hex(drafted.xml)).toBe(drafted.sha256);
    const detail = await h.api.call('GET', h.path(`/${reportId}`), { key: h.officerA });
    expect(detail.body.report).toMatchObject({
      approvedFileId: approvalId,
      approvedSha256: payload.sha256,
      approvedCamlmacSha256: requestedSha,
    });
    for (const action of ['report.submission_requested', 'report.approved'])
      expect(await auditPayload(reportId, action)).toMatchObject({
        sha256: payload.sha256,
        camlmac: { sha256: requestedSha, fileName: payload.camlmac.fileName },
      });
    await expectSealed('report_camlmac_files', approvalId, 'CTNM');
  });

  it('is not asked of a version CAMLMAC cannot render: goAML goes ahead, CAMLMAC is refused', async () => {
    // An entity without a beneficial owner: goAML files it, CAMLMAC needs a controller.
    const reportId = await newStr([h.customers.zhang.customerId, entityId]);
    const { approvalId, payload } = await requestSubmission(reportId);
    const controller = `customer[${entityId}].controller (a beneficial owner)`;
    expect(payload.camlmac).toEqual({
      missingFields: expect.arrayContaining([controller]) as unknown,
    });
    const refusal = (status: number, body: Record<string, unknown>) => {
      expect(status).toBe(409);
      expect(body.code).toBe('invalid_state');
      expect(body.detail_fields).toMatchObject({
        approvalId,
        missingFields: expect.arrayContaining([controller]) as unknown,
      });
    };
    const path = h.path(`/${reportId}/export?standard=camlmac&format=json`);
    const pending = await h.api.call('GET', path, { key: h.officerB });
    refusal(pending.status, pending.body);
    expect(String(pending.body.detail)).toContain('reject it and ask again');
    await decide(approvalId);
    const approved = await h.api.call('GET', path, { key: h.officerB });
    refusal(approved.status, approved.body);
    expect(String(approved.body.detail)).toContain('no CAMLMAC file was approved');
    expect((await exported(reportId)).sha256).toBe(payload.sha256);
    const detail = await h.api.call('GET', h.path(`/${reportId}`), { key: h.officerA });
    expect(detail.body.report).toMatchObject({
      status: 'approved',
      approvedSha256: payload.sha256,
      approvedCamlmacSha256: null,
    });
    expect(await auditPayload(reportId, 'report.approved')).toMatchObject({
      camlmac: { missingFields: expect.arrayContaining([controller]) as unknown },
    });
  });

  it('is rendered from the approved version for a request made before it was stored', async () => {
    const { zhang } = h.customers;
    await setOccupation(zhang.customerId, '教师');
    const reportId = await newStr([zhang.customerId]);
    const { approvalId, payload } = await requestSubmission(reportId);
    // As if asked for after migration 0019 but before 0022: a stored goAML file, no CAMLMAC row
    // and no CAMLMAC entry in the approval's payload.
    await h.api.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE report_camlmac_files DISABLE TRIGGER USER');
      await tx.query('DELETE FROM report_camlmac_files WHERE approval_id = $1', [approvalId]);
      await tx.query('ALTER TABLE report_camlmac_files ENABLE TRIGGER USER');
      await tx.query(`UPDATE approvals SET payload = payload - 'camlmac' WHERE id = $1`, [
        approvalId,
      ]);
    });
    await decide(approvalId);
    await setOccupation(zhang.customerId, '工程师');
    const legacy = await exportReportCamlmac(h.api.db, h.platformId, reportId);
    expect(legacy.ok).toBe(true);
    if (!legacy.ok) return;
    expect(legacy.value.stored).toBe(false);
    expect(legacy.value.xml).toContain('<CTVC>工程师</CTVC>');
    expect((await exported(reportId, 'camlmac')).xml).toContain('<CTVC>工程师</CTVC>');
    // The goAML file of the same request is still the stored one.
    expect((await exported(reportId)).sha256).toBe(payload.sha256);
    expect(await auditPayload(reportId, 'report.approved')).toMatchObject({ camlmac: null });
  });

  it('is under key rotation, like every sealed column of the report tables', async () => {
    const columns = await h.api.db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_name LIKE 'report%' AND column_name LIKE '%\\_sealed'`,
    );
    expect(columns.map((c) => c.table_name)).toContain('report_camlmac_files');
    for (const { table_name: table, column_name: column } of columns)
      expect(SEALED_TEXT_COLUMNS.find((t) => t.table === table)?.columns).toContain(column);
  });
});

describe('follow-ups', () => {
  const askFollowUp = (original: string, purpose: 'correction' | 'deletion') =>
    h.api.call('POST', h.path(`/${original}/follow-ups`), {
      key: h.officerA,
      body:
        purpose === 'correction'
          ? { purpose, reason: 'amount misstated' }
          : { purpose, reason: 'filed in error' },
    });

  it('are one at a time: a second is refused until the first is submitted', async () => {
    const original = await newStr([h.customers.zhang.customerId]);
    await submit(original);
    const first = await askFollowUp(original, 'correction');
    expect(first.status).toBe(201);
    const reports = await count('SELECT count(*)::int AS n FROM reports');
    const audits = await count('SELECT count(*)::int AS n FROM audit_records');
    const second = await askFollowUp(original, 'deletion');
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      type: '/problems/follow_up_pending',
      code: 'follow_up_pending',
      detail_fields: { pendingReportId: first.body.id, originalReportId: original },
    });
    expect(await count('SELECT count(*)::int AS n FROM reports')).toBe(reports);
    expect(await count('SELECT count(*)::int AS n FROM audit_records')).toBe(audits);
    await submit(String(first.body.id));
    const third = await askFollowUp(original, 'deletion');
    expect(third.status).toBe(201);
  });

  it('asked for at the same moment: exactly one is created', async () => {
    const original = await newStr([h.customers.zhang.customerId]);
    await submit(original);
    const ask = () => askFollowUp(original, 'correction');
    const replies = await Promise.all([ask(), ask(), ask()]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(
      await count('SELECT count(*)::int AS n FROM reports WHERE original_report_id = $1', [
        original,
      ]),
    ).toBe(1);
  });

  it('are held to one open at a time by the database too', async () => {
    const original = await newStr([h.customers.zhang.customerId]);
    await submit(original);
    const first = await askFollowUp(original, 'correction');
    expect(first.status).toBe(201);
    await expect(
      h.api.db.query(
        `INSERT INTO reports (id, platform_id, kind, purpose, original_report_id, status,
           current_version, deadline_date, created_by)
         VALUES ($1, $2, 'str', 'deletion', $3, 'draft', 1, current_date, 'test')`,
        [`rpt_${randomUUID().replace(/-/g, '')}`, h.platformId, original],
      ),
    ).rejects.toThrow(/reports_open_follow_up|unique/);
  });
});

describe("a legal representative's name", () => {
  it('is stored sealed and read back opened; a name stored in clear before is still read', async () => {
    const rows = await h.api.db.query<{
      profile: Record<string, unknown>;
      representative_name_sealed: string[] | null;
    }>(
      `SELECT profile, representative_name_sealed FROM report_subject_profiles
       WHERE customer_id = $1`,
      [entityId],
    );
    expect(rows[0]?.profile).not.toHaveProperty('representativeName');
    expect(JSON.stringify(rows[0])).not.toContain('赵六');
    expect(rows[0]?.representative_name_sealed?.[0]).toMatch(/^enc:v1:/);
    const vault = personalDataVaultOf(h.api.db);
    const opened = await loadSubjectProfiles(h.api.db, vault, h.platformId, [entityId]);
    expect(opened.get(entityId)?.representativeName).toBe('赵六');
    // A row written before the name was sealed.
    await h.api.db.query(
      `UPDATE report_subject_profiles
       SET profile = profile || '{"representativeName":"钱七"}', representative_name_sealed = NULL
       WHERE customer_id = $1`,
      [entityId],
    );
    const legacy = await loadSubjectProfiles(h.api.db, vault, h.platformId, [entityId]);
    expect(legacy.get(entityId)?.representativeName).toBe('钱七');
  });
});
