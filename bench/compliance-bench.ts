/**
 * Automated control tests: posts N instructions in the realistic mix (half deposits, 30%
 * mandate repayments, 20% signed transfers) on PGlite, then runs every control over the day
 * (median of 3 runs) and prints the time per control.
 *   npx tsx bench/compliance-bench.ts [instructions]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runControls } from '../src/compliance/index.js';
import { Custody } from '../src/custody/index.js';
import {
  localMasterKeyProvider,
  openPersonalDataVault,
} from '../src/security/field-encryption/index.js';
import { migrate, openDatabase } from '../src/store/index.js';
import { createBenchBooks, makeInstruction, MIX } from './bench-books.js';

const instructions = Number(process.argv[2] ?? 20_000);
const RUNS = 3;
const CUSTOMERS = 200;
const SUBMIT_CONCURRENCY = 256;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-compliance-bench-'));
const db = await openDatabase({ kind: 'pglite', dataDir });
try {
  await migrate(db);
  await openPersonalDataVault(db, localMasterKeyProvider(randomBytes(32)));
  const custody = new Custody(db);
  const books = await createBenchBooks(db, custody, CUSTOMERS);
  for (let start = 0; start < instructions; start += SUBMIT_CONCURRENCY) {
    const batch = [];
    for (
      let index = start;
      index < Math.min(instructions, start + SUBMIT_CONCURRENCY);
      index += 1
    ) {
      batch.push(
        custody.submit(
          books.platform,
          books.platformId,
          makeInstruction(books, index, MIX[index % MIX.length] ?? 'deposit'),
        ),
      );
    }
    await Promise.all(batch);
    const posted = Math.min(instructions, start + SUBMIT_CONCURRENCY);
    // One line rewritten on a terminal; a line per quarter in a log.
    if (process.stderr.isTTY) process.stderr.write(`\rposted ${posted}/${instructions}`);
    else if (Math.floor((4 * posted) / instructions) > Math.floor((4 * start) / instructions))
      process.stderr.write(`posted ${posted}/${instructions}\n`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  await custody.close();
  const perControl = new Map<string, number[]>();
  const totals: number[] = [];
  const outcomes = new Map<string, string>();
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    for (const code of [
      'CTL-AUTH-DEBIT',
      'CTL-RECON-DAILY',
      'CTL-LVTR-TIMELY',
      'CTL-CASE-DISPOSITION',
      'CTL-PD-ENCRYPTED',
      'CTL-RETENTION',
      'CTL-FOUR-EYES',
      'CTL-AUDIT-LOG',
    ]) {
      const one = performance.now();
      const [result] = await runControls(db, {
        platformId: books.platformId,
        codes: [code],
        trigger: 'manual',
        actor: 'bench',
      });
      outcomes.set(code, result?.outcome ?? 'none');
      perControl.set(code, [...(perControl.get(code) ?? []), performance.now() - one]);
    }
    totals.push(performance.now() - started);
  }
  const auditRows = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_records');
  console.log(
    `compliance controls over ${instructions} instructions, ${auditRows[0]?.n} audit records (PGlite, median of ${RUNS}):`,
  );
  for (const [code, times] of perControl)
    console.log(
      `  ${code.padEnd(22)} ${median(times).toFixed(0)} ms (${outcomes.get(code) ?? 'none'})`,
    );
  console.log(
    `  all controls           ${median(totals).toFixed(0)} ms (runs ${totals.map((t) => t.toFixed(0)).join(', ')})`,
  );
} finally {
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
