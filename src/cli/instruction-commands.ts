import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ed25519GenerateRaw } from '../crypto/index.js';
import {
  createdId,
  platformPath,
  PLATFORM_OPTION,
  REASON_OPTION,
  type CommandKit,
} from './command-kit.js';
import { table } from './output.js';
import { itemsTable, platformOf, recordTable, runCall } from './run-command.js';
import { signInstructionFile } from './sign-instruction.js';
import { CliError } from './transport.js';

export function registerInstructionCommands(kit: CommandKit): void {
  const { program, global } = kit;
  const P = PLATFORM_OPTION;
  const base = platformPath;
  const keys = program
    .command('keys')
    .description('customer signing keys, and the data keys of personal-data encryption');
  keys
    .command('generate')
    .description('make an Ed25519 key pair for a customer (seed stays with the customer)')
    .requiredOption('--seed-file <path>', 'where to write the base64 seed (mode 600)')
    .action((o: { seedFile: string }) => {
      const pair = ed25519GenerateRaw();
      fs.writeFileSync(o.seedFile, `${pair.seed.toString('base64')}\n`, { mode: 0o600 });
      process.stdout.write(
        `${global().json === true ? JSON.stringify({ publicKey: pair.publicKey.toString('base64'), seedFile: o.seedFile }) : `public key: ${pair.publicKey.toString('base64')}\nseed written to ${o.seedFile}`}\n`,
      );
    });
  keys
    .command('register')
    .option(...P)
    .requiredOption('--customer <id>')
    .requiredOption('--public-key <base64>')
    .action((o: { platform?: string; customer: string; publicKey: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${base(o.platform)}/customers/${o.customer}/keys`,
          body: { publicKey: o.publicKey },
        },
        createdId('key'),
      ),
    );

  const instructions = program
    .command('instructions')
    .description('instructions: the only way money moves');
  instructions
    .command('submit [file]')
    .description('submit an instruction from a JSON file or stdin')
    .option(...P)
    .option('--idempotency-key <key>', 'defaults to a new UUID')
    .option('--sign-with <seedFile>', 'sign as the payer with this seed')
    .option('--key-id <id>', "the payer's registered key id")
    .option('--payee-account <id>', 'payee account to sign for (fees, reserve)')
    .action(
      (
        file: string | undefined,
        o: {
          platform?: string;
          idempotencyKey?: string;
          signWith?: string;
          keyId?: string;
          payeeAccount?: string;
        },
      ) => {
        const text = fs.readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          throw new CliError('the instruction is not valid JSON');
        }
        if (o.signWith !== undefined) {
          if (o.keyId === undefined) throw new CliError('--sign-with needs --key-id');
          body = signInstructionFile(body, {
            platformId: platformOf(o.platform),
            seedFile: o.signWith,
            keyId: o.keyId,
            ...(o.payeeAccount ? { payeeAccountId: o.payeeAccount } : {}),
          });
        }
        const idempotencyKey =
          o.idempotencyKey ?? (body.idempotencyKey as string | undefined) ?? randomUUID();
        const { idempotencyKey: _ignored, ...payload } = body;
        return runCall(
          global(),
          {
            method: 'POST',
            path: `${base(o.platform)}/instructions`,
            body: payload,
            headers: { 'idempotency-key': idempotencyKey },
          },
          recordTable,
        );
      },
    );
  instructions
    .command('list')
    .option(...P)
    .option('--status <status>')
    .option('--limit <n>', 'rows', '50')
    .action((o: { platform?: string; status?: string; limit: string }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${base(o.platform)}/instructions?limit=${o.limit}${o.status ? `&status=${o.status}` : ''}`,
        },
        itemsTable([
          'id',
          'type',
          'status',
          'amount',
          'debitAccountId',
          'creditAccountId',
          'authorizationKind',
          'createdAt',
        ]),
      ),
    );
  instructions
    .command('show <instructionId>')
    .option(...P)
    .action((id: string, o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${base(o.platform)}/instructions/${id}` },
        (body) =>
          `${recordTable(body)}\n\nhistory:\n${table((body as { events: Record<string, unknown>[] }).events, ['at', 'event', 'actor', 'detail'])}`,
      ),
    );
  for (const decision of ['release', 'void'] as const) {
    instructions
      .command(`${decision} <instructionId>`)
      .option(...P)
      .requiredOption(...REASON_OPTION)
      .action((id: string, o: { platform?: string; reason: string }) =>
        runCall(
          global(),
          {
            method: 'POST',
            path: `${base(o.platform)}/instructions/${id}/${decision}`,
            body: { reason: o.reason },
          },
          recordTable,
        ),
      );
  }
}
