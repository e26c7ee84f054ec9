import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEmailRecipient,
  createSmtpSender,
  createWebhookEndpoint,
  deliverDue,
  enqueueNotifications,
  listOutbox,
  newEventId,
  replayDeadLetter,
  verifyWebhookSignature,
} from '../../src/notify/index.js';
import type { Database } from '../../src/store/index.js';
import { bootstrapStaff } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

// Deliveries against real receivers: a local HTTP server with one good, one failing and one
// hanging endpoint, and a local SMTP server. The worker's clock is moved forward by hand.
let db: Database;
let server: http.Server;
let base = '';
const received: { path: string; body: string; signature: string }[] = [];
const secrets = new Map<string, string>();
let smtp: SMTPServer;
let smtpPort = 0;
const mails: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        path: request.url ?? '',
        body,
        signature: String(request.headers['custos-signature']),
      });
      if (request.url === '/ok') response.writeHead(204).end();
      else if (request.url === '/fail') response.writeHead(500).end('broken');
      // '/hang' never answers: the worker's timeout must end the attempt.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await db.close();
});

async function endpoint(path: string): Promise<string> {
  const { principal } = await bootstrapStaff(db, `admin-${path.slice(1)}`);
  const created = await createWebhookEndpoint(db, principal, {
    platformId: null,
    url: `${base}${path}`,
    eventTypes: ['case.opened'],
  });
  if (!created.ok) throw new Error(created.message);
  secrets.set(path, created.secret);
  return created.id;
}

describe('notification delivery', () => {
  it('delivers signed webhooks, retries failures and timeouts with backoff, then dead-letters', async () => {
    const okId = await endpoint('/ok');
    const failId = await endpoint('/fail');
    const hangId = await endpoint('/hang');
    const nowMs = Date.now();
    const eventId = newEventId(nowMs);
    const queued = await db.transaction((tx) =>
      enqueueNotifications(tx, [
        { eventId, type: 'case.opened', platformId: null, atMs: nowMs, data: { caseId: 'cas_1' } },
      ]),
    );
    expect(queued).toBe(3);

    const first = await deliverDue(db, { nowMs, timeoutMs: 1_500, random: () => 0 });
    expect(first).toEqual({ claimed: 3, delivered: 1, retried: 2, deadLettered: 0 });
    const okCall = received.find((r) => r.path === '/ok');
    expect(okCall).toBeDefined();
    const check = verifyWebhookSignature(
      secrets.get('/ok') ?? '',
      okCall?.body ?? '',
      okCall?.signature ?? '',
      Date.now(),
    );
    expect(check.ok).toBe(true);
    expect(JSON.parse(okCall?.body ?? '{}')).toMatchObject({
      id: eventId,
      type: 'case.opened',
      data: { caseId: 'cas_1' },
    });

    // Nothing is due before the first backoff (30 s with no jitter) has passed.
    expect((await deliverDue(db, { nowMs: nowMs + 29_000, timeoutMs: 300 })).claimed).toBe(0);
    const rows = await listOutbox(db, {});
    const failing = rows.filter((r) => r.targetId === failId || r.targetId === hangId);
    expect(failing.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(failing.find((r) => r.targetId === failId)?.lastError).toBe('HTTP 500');
    expect(failing.find((r) => r.targetId === hangId)?.lastError).toMatch(/TimeoutError|abort/i);

    // Keep the clock moving past every backoff: after attempts_max attempts both are dead.
    let clock = nowMs;
    let deadLettered = 0;
    for (let round = 0; round < 10 && deadLettered < 2; round += 1) {
      clock += 7 * 3_600_000;
      const report = await deliverDue(db, { nowMs: clock, timeoutMs: 200, random: () => 0.5 });
      expect(report.delivered).toBe(0);
      deadLettered += report.deadLettered;
    }
    expect(deadLettered).toBe(2);
    const dead = await listOutbox(db, { status: 'dead' });
    expect(dead.map((r) => r.targetId).sort()).toEqual([failId, hangId].sort());
    expect(dead.every((r) => r.attempts === r.attemptsMax)).toBe(true);
    expect((await listOutbox(db, { status: 'delivered' })).map((r) => r.targetId)).toEqual([okId]);

    // Replay puts one back with fresh attempts; it fails again and waits for its backoff.
    const { principal } = await bootstrapStaff(db, 'replayer');
    const replayTarget = dead.find((r) => r.targetId === failId);
    expect(await replayDeadLetter(db, principal, replayTarget?.id ?? '', clock)).toEqual({
      ok: true,
    });
    expect(await replayDeadLetter(db, principal, replayTarget?.id ?? '', clock)).toEqual({
      ok: false,
      code: 'not_dead_lettered',
    });
    const replayed = await deliverDue(db, { nowMs: clock, timeoutMs: 200 });
    expect(replayed).toMatchObject({ claimed: 1, retried: 1 });
  });

  it('sends e-mail through SMTP', async () => {
    const { principal } = await bootstrapStaff(db, 'mailer');
    const recipient = await createEmailRecipient(db, principal, {
      platformId: null,
      address: 'risk-desk@custos.example',
      eventTypes: ['case.sla_breach'],
    });
    expect(recipient.ok).toBe(true);
    const nowMs = Date.now();
    await db.transaction((tx) =>
      enqueueNotifications(tx, [
        {
          eventId: newEventId(nowMs),
          type: 'case.sla_breach',
          platformId: null,
          atMs: nowMs,
          data: { caseId: 'cas_9' },
        },
      ]),
    );
    const emailRow = async () => (await listOutbox(db, {})).find((r) => r.channel === 'email');
    await deliverDue(db, { nowMs, timeoutMs: 200 });
    expect(await emailRow()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'no SMTP transport is configured',
    });
    const sender = createSmtpSender({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      requireTls: false,
      from: 'custos@custos.example',
      connectionTimeoutMs: 5_000,
    });
    await deliverDue(db, { nowMs: nowMs + 60_000, smtp: sender, timeoutMs: 200 });
    expect(await emailRow()).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('To: risk-desk@custos.example');
    expect(mails[0]).toContain('Subject: [Custos] case.sla_breach');
    expect(mails[0]).toContain('cas_9');
  });
});
