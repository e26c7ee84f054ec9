#!/usr/bin/env node
// The one test command (`npm test`): type-check, lint and format check, then the whole suite
// on embedded PGlite and, when DATABASE_URL is set, once more on that PostgreSQL server, the two
// passes side by side. The browser tests (test/e2e/*.e2e.test.ts) drive the console in
// Chromium; they run in the first pass only — the server code they reach is the same on both
// backends and the API tests cover it on PostgreSQL.
// Test files that never reach a database (scripts/database-free-tests.mjs) also run in the
// first pass only: on PostgreSQL they would run the same code again.
// It ends with the failed tests of every pass, each with the first lines of its failure, then
// one summary line, "tests: N passed, N failed, N skipped", over every pass.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseFreeTests } from './database-free-tests.mjs';

/** Runs `npx ARGS` with its output held back, then prints it as one block with the time taken. */
function npxCaptured(args) {
  const startedMs = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
      console.log(`\n=== ${args[0]}: exit ${code ?? 1} after ${seconds} s ===`);
      process.stdout.write(Buffer.concat(chunks));
      resolve({ name: args[0], status: code ?? 1 });
    });
  });
}

// The checks and the console build are independent: they run side by side, each printing its
// output as one block when it ends.
const preparations = [];
if (process.env.CUSTOS_SKIP_CHECK !== '1') {
  preparations.push(
    ['tsc', '--noEmit', '-p', 'tsconfig.json'],
    ['eslint', '.'],
    ['prettier', '--check', '.'],
  );
}
if (!fs.existsSync('web/dist/index.html'))
  preparations.push(['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
const failedPreparations = (await Promise.all(preparations.map(npxCaptured))).filter(
  (result) => result.status !== 0,
);
if (failedPreparations.length > 0) {
  for (const result of failedPreparations) console.error(`\n${result.name} failed`);
  process.exit(1);
}

const passes = [{ name: 'PGlite', env: { ...process.env, DATABASE_URL: '' }, extra: [] }];
if (process.env.DATABASE_URL)
  passes.push({
    name: 'PostgreSQL',
    env: process.env,
    // Browser tests, and the tests that start their own processes on a PGlite data folder
    // (they set DATABASE_URL to '' themselves, so a second pass would repeat the first).
    extra: [
      ...['test/e2e/**/*.e2e.test.ts', 'node_modules/**', 'test/cli/**'],
      ...['test/compliance/compliance-cli.test.ts', 'test/complaints/complaint-cli.test.ts'],
      ...['test/customer-risk/risk-cli.test.ts', 'test/risk-register/risk-cli.test.ts'],
      'test/crash/first-start-credentials.test.ts',
      ...databaseFreeTests(),
    ].flatMap((pattern) => ['--exclude', pattern]),
  });
/** At most this many failures are listed at the end, each with this many lines of its message. */
const MAX_FAILURES_LISTED = 20;
const FAILURE_LINES_LISTED = 6;

/** The failed tests (and test files that failed to load) of one vitest JSON report. */
function failuresOf(result, passName) {
  const failures = [];
  for (const file of result.testResults ?? []) {
    const relative = path.relative(process.cwd(), file.name);
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests)
      failures.push({
        where: `${passName}: ${relative} > ${test.fullName}`,
        message: (test.failureMessages ?? []).join('\n'),
      });
    if (failedTests.length === 0 && file.status === 'failed')
      failures.push({ where: `${passName}: ${relative}`, message: file.message ?? '' });
  }
  return failures;
}

/**
 * Runs one pass of the suite with a JSON report. The first pass prints as it goes; a later pass
 * runs alongside it with its output held back, printed as one block when both have ended.
 */
const PIPES_AFTER_EXIT_MS = 5_000;

function runPass(pass, holdOutput) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custos-test-')), 'report.json');
  const args = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...pass.extra,
    ...process.argv.slice(2),
  ];
  const startedMs = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', args, {
      env: pass.env,
      stdio: holdOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const chunks = [];
    child.stdout?.on('data', (chunk) => chunks.push(chunk));
    child.stderr?.on('data', (chunk) => chunks.push(chunk));
    // Ends with the process: its output is read until its pipes close, but no longer than
    // PIPES_AFTER_EXIT_MS, so a process it left behind holding them cannot hang the run.
    child.on('exit', (code) => {
      const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
      const done = () =>
        resolve({ pass, report, status: code ?? 1, output: Buffer.concat(chunks), seconds });
      if (!holdOutput) return done();
      const timer = setTimeout(done, PIPES_AFTER_EXIT_MS);
      child.on('close', () => {
        clearTimeout(timer);
        done();
      });
    });
  });
}

// The passes share no data (each has its own template, folders and databases), so the
// PostgreSQL pass runs beside the PGlite pass: on a small machine that saves most of its time.
console.log(`\n=== test suite on ${passes.map((pass) => pass.name).join(' and ')} ===`);
const ran = await Promise.all(passes.map((pass, index) => runPass(pass, index > 0)));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
let failedPass = false;
for (const { pass, report, status, output, seconds } of ran) {
  if (output.length > 0) {
    console.log(`\n=== test suite on ${pass.name} (ran alongside) ===`);
    process.stdout.write(output);
  }
  console.log(`\n=== ${pass.name} pass: exit ${status} after ${seconds} s ===`);
  if (status !== 0) failedPass = true;
  if (fs.existsSync(report)) {
    const result = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
    failures.push(...failuresOf(result, pass.name));
  } else {
    totals.failed += 1;
    failures.push({ where: `${pass.name}: the suite wrote no report`, message: `exit ${status}` });
  }
}
if (failures.length > 0) {
  console.log(`\n=== failed (${failures.length}) ===`);
  for (const failure of failures.slice(0, MAX_FAILURES_LISTED)) {
    console.log(`\n✗ ${failure.where}`);
    // The message and the stack frames in the project's own code.
    const lines = failure.message
      .split('\n')
      .filter((line) => line.trim() !== '' && !/node_modules|<anonymous>|node:internal/.test(line));
    for (const line of lines.slice(0, FAILURE_LINES_LISTED)) console.log(`    ${line}`);
  }
  if (failures.length > MAX_FAILURES_LISTED)
    console.log(`\n… and ${failures.length - MAX_FAILURES_LISTED} more in the output above`);
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedPass || totals.failed > 0 ? 1 : 0);
