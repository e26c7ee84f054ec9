import fs from 'node:fs';
import type { Command } from 'commander';
import {
  auditLogFor,
  auditLogOptionsFromConfig,
  exportProofBundle,
  httpWitnessLogClient,
  verifyAuditLog,
  witnessOnce,
  type AuditLogReport,
  type WitnessState,
} from '../audit/audit-log.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  generateNoteKeys,
  parseSignerKey,
  parseVerifierKey,
  verifyProofBundle,
  type ProofBundle,
} from '../audit/index.js';
import { loadConfig } from '../config.js';
import { readLockOwner } from '../runtime/data-folder-lock.js';
import { openConfiguredStore, type OpenedStore } from '../runtime/open-from-config.js';
import { CliError } from './transport.js';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Opens the configured database directly (not through the API), as `audit verify` needs. */
async function withStore<T>(work: (store: OpenedStore) => Promise<T>): Promise<T> {
  const config = loadConfig();
  if (config.databaseUrl === undefined) {
    const owner = readLockOwner(config.dataDir);
    if (owner !== null) {
      throw new CliError(
        `the data folder ${config.dataDir} is held by a running server (pid ${owner.pid}); stop it or point DATABASE_URL at PostgreSQL`,
      );
    }
  }
  const store = await openConfiguredStore(config);
  try {
    return await work(store);
  } finally {
    await store.db.close();
    store.lock?.release();
  }
}

function printReport(report: AuditLogReport, json: boolean): void {
  if (json) return say(JSON.stringify(report, null, 2));
  say(`records ${report.recordCount}, head ${report.headTreeSize}, root ${report.rootHashHex}`);
  say(`checkpoints checked ${report.checkpointsChecked}`);
  for (const problem of report.problems) {
    say(
      `  ${problem.kind}${problem.leafIndex === null ? '' : ` at leaf ${problem.leafIndex}`}: ${problem.detail}`,
    );
  }
  if (report.problemCount > report.problems.length) {
    say(`  … and ${report.problemCount - report.problems.length} more problems`);
  }
}

function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function registerVerify(audit: Command, json: () => boolean): void {
  audit
    .command('verify')
    .description('recompute the Merkle tree from every stored record and check all checkpoints')
    .option('--log-key <vkey>', 'trusted log verifier key (default: the one in the database)')
    .action(async (o: { logKey?: string }) => {
      const report = await withStore((store) =>
        verifyAuditLog(store.db, o.logKey === undefined ? {} : { logVerifierKey: o.logKey }),
      );
      printReport(report, json());
      if (!report.ok) {
        throw new CliError(
          `audit log verification FAILED: ${report.problemCount} problem(s), first bad leaf index ${report.firstBadIndex ?? 'unknown'}`,
        );
      }
      if (!json()) say('audit log verified: every record matches the tree and every checkpoint');
    });
}

function registerProve(audit: Command): void {
  audit
    .command('prove <seqOrIndex>')
    .description(
      'write an offline proof bundle for one record (entry, inclusion proof, checkpoint)',
    )
    .option('--index', 'the number is a leaf index, not a seq')
    .requiredOption('--out <file>', 'where to write the bundle (JSON)')
    .action(async (value: string, o: { index?: boolean; out: string }) => {
      if (!/^[0-9]{1,16}$/.test(value)) throw new CliError(`not a number: ${value}`);
      const target = o.index === true ? { leafIndex: Number(value) } : { seq: value };
      const config = loadConfig();
      const bundle = await withStore((store) =>
        exportProofBundle(auditLogFor(store.db, auditLogOptionsFromConfig(config)), target),
      );
      if (!bundle.ok)
        throw new CliError(`no audit record ${o.index === true ? 'at leaf' : 'with seq'} ${value}`);
      fs.writeFileSync(o.out, `${JSON.stringify(bundle.value, null, 2)}\n`);
      say(
        `leaf ${bundle.value.leafIndex} (seq ${bundle.value.seq}) in a tree of ${bundle.value.treeSize}: ${o.out}`,
      );
      say(`log key ${bundle.value.logVerifierKey}`);
    });
}

function registerCheck(audit: Command): void {
  audit
    .command('check <file>')
    .description('verify a proof bundle offline, without any database')
    .option('--log-key <vkey>', 'trusted log verifier key (default: the key in the bundle)')
    .option('--witness-key <vkey...>', 'trusted witness verifier keys')
    .option('--cosignatures <n>', 'witness cosignatures required', '0')
    .action((file: string, o: { logKey?: string; witnessKey?: string[]; cosignatures: string }) => {
      const bundle = readJsonFile(file) as ProofBundle & { logVerifierKey?: unknown };
      const key =
        o.logKey ?? (typeof bundle.logVerifierKey === 'string' ? bundle.logVerifierKey : undefined);
      if (key === undefined) throw new CliError('name the trusted log key with --log-key');
      if (o.logKey === undefined) {
        process.stderr.write(
          'custos: trusting the log key written in the bundle; compare it with the published key\n',
        );
      }
      const witnesses = o.witnessKey ?? [];
      const required = Number(o.cosignatures);
      if (!Number.isSafeInteger(required) || required < 0 || required > witnesses.length) {
        throw new CliError('--cosignatures must be between 0 and the number of --witness-key');
      }
      const result = verifyProofBundle(bundle, [key], {
        cosignerVkeys: witnesses,
        cosignaturesRequired: required,
      });
      if (!result.ok) {
        throw new CliError(
          `proof bundle REJECTED: ${result.reason}${result.detail === undefined ? '' : ` (${result.detail})`}`,
        );
      }
      const { checkpoint, verified } = result.value;
      say(
        `proof bundle verified: leaf ${bundle.leafIndex} is in ${checkpoint.origin} at tree size ${checkpoint.treeSize}`,
      );
      for (const signature of verified) {
        say(
          `  signed by ${signature.name}${signature.timestampSeconds === null ? '' : ` (cosigned ${new Date(signature.timestampSeconds * 1000).toISOString()})`}`,
        );
      }
      say(bundle.entryJson);
    });
}

interface WitnessStateFile extends WitnessState {
  readonly logVerifierKey: string;
}

async function fetchText(
  url: string,
  init: RequestInit,
): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(url, init);
    return { status: response.status, text: await response.text() };
  } catch (error) {
    throw new CliError(
      `cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function httpCall(base: string) {
  return async (method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetchText(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

async function witnessRound(o: { log: string; key: string; state: string; logKey?: string }) {
  const base = o.log.replace(/\/+$/, '');
  const signer = parseSignerKey(fs.readFileSync(o.key, 'utf8').trim());
  if (!signer.ok || signer.value.signatureType !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new CliError(`${o.key} is not a witness key (make one with custos witness keygen)`);
  }
  const saved = fs.existsSync(o.state) ? (readJsonFile(o.state) as WitnessStateFile) : null;
  let logKeyText = o.logKey ?? saved?.logVerifierKey;
  if (logKeyText === undefined) {
    const reply = await httpCall(base)('GET', '/v1/audit/log-key');
    if (reply.status !== 200) throw new CliError(`cannot fetch the log key: ${reply.status}`);
    logKeyText = (JSON.parse(reply.text) as { verifierKey: string }).verifierKey;
    process.stderr.write(`custos: first contact, pinning log key ${logKeyText}\n`);
  }
  if (saved !== null && saved.logVerifierKey !== logKeyText) {
    throw new CliError(
      `REFUSED: the log key changed from ${saved.logVerifierKey} to ${logKeyText}`,
    );
  }
  const logKey = parseVerifierKey(logKeyText);
  if (!logKey.ok || logKey.value.signatureType !== SIGNATURE_TYPE_ED25519) {
    throw new CliError(`not a log verifier key: ${logKeyText}`);
  }
  const client = httpWitnessLogClient(httpCall(base));
  const keys = { log: logKey.value, witness: signer.value };
  const result = await witnessOnce(client, keys, saved, Math.floor(Date.now() / 1000));
  if (!result.ok) {
    throw new CliError(
      `REFUSED to cosign: ${result.reason}${result.detail === undefined ? '' : ` (${result.detail})`}; the log may be rolled back or showing a split view. Kept state at tree size ${saved?.treeSize ?? 'none'}.`,
    );
  }
  const next: WitnessStateFile = { ...result.value.state, logVerifierKey: logKeyText };
  fs.writeFileSync(`${o.state}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
  fs.renameSync(`${o.state}.tmp`, o.state);
  say(
    `cosigned ${next.origin} at tree size ${next.treeSize} (previously ${result.value.previousSize ?? 'none'})`,
  );
}

function registerWitness(program: Command): void {
  const witness = program
    .command('witness')
    .description('act as a witness: check the log grows append-only, then cosign its checkpoint')
    .option('--log <url>', 'the Custos server')
    .option('--key <file>', 'witness signer key file')
    .option('--state <file>', 'last accepted checkpoint', 'witness-state.json')
    .option('--log-key <vkey>', 'trusted log verifier key (default: pinned on first contact)')
    .action(async (o: { log?: string; key?: string; state: string; logKey?: string }) => {
      if (o.log === undefined || o.key === undefined) {
        throw new CliError('custos witness needs --log URL and --key FILE');
      }
      await witnessRound({
        log: o.log,
        key: o.key,
        state: o.state,
        ...(o.logKey ? { logKey: o.logKey } : {}),
      });
    });
  witness
    .command('keygen')
    .description('make a witness key pair (tlog-cosignature Ed25519)')
    .requiredOption('--name <name>', 'witness name, e.g. regulator.example/witness')
    .requiredOption('--out <file>', 'signer key file (mode 600)')
    .action((o: { name: string; out: string }) => {
      const keys = generateNoteKeys(o.name, SIGNATURE_TYPE_COSIGNATURE_V1);
      fs.writeFileSync(o.out, `${keys.signerKey}\n`, { mode: 0o600, flag: 'wx' });
      say(`witness key written to ${o.out}`);
      say(`verifier key (give it to the log's staff): ${keys.verifierKey}`);
    });
}

/** `custos audit …` and `custos witness …`. */
export function registerAuditCommands(program: Command): void {
  const json = () => program.opts<{ json?: boolean }>().json === true;
  const audit = program.command('audit').description('the tamper-evident audit log');
  registerVerify(audit, json);
  registerProve(audit);
  registerCheck(audit);
  registerWitness(program);
}
