import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { ed25519GenerateRaw } from '../crypto/index.js';
import { runServer } from '../runtime/run-server.js';
import { itemsTable, platformOf, recordTable, runCall, type GlobalOptions } from './run-command.js';
import { signInstructionFile } from './sign-instruction.js';
import { CliError } from './transport.js';
import { table } from './output.js';

const program = new Command('custos')
  .description('Custos: fund-custody books, user-authorized instructions, freezes and approvals')
  .option('--json', 'print JSON instead of tables')
  .option('--as <name>', 'act as this member of staff when opening the data folder directly', 'cli')
  .showHelpAfterError();
const global = (): GlobalOptions => program.opts<GlobalOptions>();
const P = ['-p, --platform <id>', 'platform id (or CUSTOS_PLATFORM)'] as const;
const base = (platform: string | undefined) => `/v1/platforms/${platformOf(platform)}`;
const reasonRequired = ['--reason <text>', 'why (recorded in the audit log)'] as const;

program
  .command('serve')
  .description('start the server (same as npm start)')
  .option('--demo', 'create and run a demo platform')
  .action(async (options: { demo?: boolean }) =>
    runServer(loadConfig(), { demo: options.demo === true }),
  );
program
  .command('demo')
  .description('start the server with a living demo platform')
  .action(async () => runServer(loadConfig(), { demo: true }));

const platforms = program.command('platforms').description('platforms (tenants)');
platforms
  .command('list')
  .action(() =>
    runCall(
      global(),
      { method: 'GET', path: '/v1/platforms' },
      itemsTable(['id', 'name', 'createdAt']),
    ),
  );
platforms
  .command('create <name>')
  .option('--currency <code...>', 'currencies', ['CNY'])
  .action((name: string, o: { currency: string[] }) =>
    runCall(
      global(),
      { method: 'POST', path: '/v1/platforms', body: { name, currencies: o.currency } },
      (body) => {
        const created = body as { platform: { id: string }; apiKey: string };
        return `platform ${created.platform.id}\nAPI key (shown once): ${created.apiKey}`;
      },
    ),
  );

const customers = program.command('customers').description('customers of a platform');
customers
  .command('list')
  .option(...P)
  .option('--limit <n>', 'rows', '50')
  .action((o: { platform?: string; limit: string }) =>
    runCall(
      global(),
      { method: 'GET', path: `${base(o.platform)}/customers?limit=${o.limit}` },
      itemsTable(['id', 'kind', 'externalRef', 'displayName', 'status', 'createdAt']),
    ),
  );
customers
  .command('create')
  .option(...P)
  .requiredOption('--ref <externalRef>')
  .requiredOption('--name <name>')
  .option('--kind <kind>', 'person or entity', 'person')
  .option('--id-number <n>')
  .option('--phone <p>')
  .option('--email <e>')
  .action(
    (o: {
      platform?: string;
      ref: string;
      name: string;
      kind: string;
      idNumber?: string;
      phone?: string;
      email?: string;
    }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${base(o.platform)}/customers`,
          body: {
            kind: o.kind,
            externalRef: o.ref,
            name: o.name,
            ...(o.idNumber ? { idNumber: o.idNumber } : {}),
            ...(o.phone ? { phone: o.phone } : {}),
            ...(o.email ? { email: o.email } : {}),
          },
        },
        (b) => `customer ${(b as { id: string }).id}`,
      ),
  );
customers
  .command('show <customerId>')
  .option(...P)
  .action((id: string, o: { platform?: string }) =>
    runCall(global(), { method: 'GET', path: `${base(o.platform)}/customers/${id}` }, (body) => {
      const c = body as { accounts: Record<string, unknown>[] };
      return `${recordTable(body)}\n\naccounts:\n${table(
        c.accounts.map((a) => ({
          ...a,
          available: (a.balance as { available: unknown }).available,
        })),
        ['id', 'currency', 'available'],
      )}`;
    }),
  );

const accounts = program.command('accounts').description('accounts and balances');
accounts
  .command('list')
  .option(...P)
  .option('--type <type>')
  .option('--currency <code>')
  .option('--customer <id>')
  .action((o: { platform?: string; type?: string; currency?: string; customer?: string }) => {
    const query = new URLSearchParams({
      ...(o.type ? { type: o.type } : {}),
      ...(o.currency ? { currency: o.currency } : {}),
      ...(o.customer ? { customerId: o.customer } : {}),
    });
    return runCall(
      global(),
      { method: 'GET', path: `${base(o.platform)}/accounts?${query.toString()}` },
      (body) =>
        table(
          (body as { items: Record<string, Record<string, unknown>>[] }).items.map((a) => ({
            ...a,
            posted: a.balance?.posted,
            pending: a.balance?.pending,
            available: a.balance?.available,
          })),
          ['id', 'type', 'customerId', 'currency', 'posted', 'pending', 'available'],
        ),
    );
  });
accounts
  .command('open')
  .option(...P)
  .requiredOption('--customer <id>')
  .requiredOption('--currency <code>')
  .action((o: { platform?: string; customer: string; currency: string }) =>
    runCall(
      global(),
      {
        method: 'POST',
        path: `${base(o.platform)}/customers/${o.customer}/accounts`,
        body: { currency: o.currency },
      },
      (b) => `account ${(b as { id: string }).id}`,
    ),
  );
program
  .command('balances')
  .description('trial balance per currency')
  .option(...P)
  .action((o: { platform?: string }) =>
    runCall(global(), { method: 'GET', path: `${base(o.platform)}/balances` }, (body) =>
      (
        body as {
          currencies: { currency: string; balanced: boolean; byType: Record<string, unknown>[] }[];
        }
      ).currencies
        .map(
          (c) =>
            `${c.currency}: ${c.balanced ? 'balanced' : 'OUT OF BALANCE'}\n${table(c.byType, ['type', 'accounts', 'posted', 'pending'])}`,
        )
        .join('\n\n'),
    ),
  );
program
  .command('statement <accountId>')
  .description('posted movements with running balance')
  .option(...P)
  .option('--limit <n>', 'rows', '50')
  .action((id: string, o: { platform?: string; limit: string }) =>
    runCall(
      global(),
      { method: 'GET', path: `${base(o.platform)}/accounts/${id}/statement?limit=${o.limit}` },
      itemsTable([
        'at',
        'direction',
        'amount',
        'runningBalance',
        'instructionId',
        'counterpartyAccountId',
      ]),
    ),
  );

const keys = program.command('keys').description('customer signing keys');
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
      (b) => `key ${(b as { id: string }).id}`,
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
    .requiredOption(...reasonRequired)
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

const freezes = program.command('freezes').description('freezes and their four-eyes lifting');
freezes
  .command('list')
  .option(...P)
  .option('--all', 'include lifted freezes')
  .action((o: { platform?: string; all?: boolean }) =>
    runCall(
      global(),
      {
        method: 'GET',
        path: `${base(o.platform)}/freezes?active=${o.all === true ? 'false' : 'true'}`,
      },
      itemsTable([
        'id',
        'customerId',
        'accountId',
        'scope',
        'reasonCode',
        'createdBy',
        'createdAt',
        'liftedAt',
      ]),
    ),
  );
freezes
  .command('create')
  .option(...P)
  .option('--customer <id>')
  .option('--account <id>')
  .option('--scope <scope>', 'debits or all', 'debits')
  .requiredOption('--reason-code <code>')
  .option('--note <text>')
  .action(
    (o: {
      platform?: string;
      customer?: string;
      account?: string;
      scope: string;
      reasonCode: string;
      note?: string;
    }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${base(o.platform)}/freezes`,
          body: {
            scope: o.scope,
            reasonCode: o.reasonCode,
            ...(o.customer ? { customerId: o.customer } : {}),
            ...(o.account ? { accountId: o.account } : {}),
            ...(o.note ? { note: o.note } : {}),
          },
        },
        (b) => `freeze ${(b as { id: string }).id}`,
      ),
  );
freezes
  .command('lift <freezeId>')
  .description('ask to lift: another person must approve')
  .option(...P)
  .requiredOption(...reasonRequired)
  .action((id: string, o: { platform?: string; reason: string }) =>
    runCall(
      global(),
      {
        method: 'POST',
        path: `${base(o.platform)}/freezes/${id}/lift`,
        body: { reason: o.reason },
      },
      (b) =>
        `approval request ${(b as { approvalId: string }).approvalId} is waiting for a second person`,
    ),
  );

const approvals = program.command('approvals').description('four-eyes approval requests');
approvals
  .command('list')
  .option('--status <status>', 'open, approved, rejected, expired', 'open')
  .action((o: { status: string }) =>
    runCall(
      global(),
      { method: 'GET', path: `/v1/approvals?status=${o.status}` },
      itemsTable(['id', 'action', 'requestedBy', 'reason', 'status', 'expiresAt']),
    ),
  );
for (const decision of ['approve', 'reject'] as const) {
  approvals
    .command(`${decision} <approvalId>`)
    .requiredOption(...reasonRequired)
    .action((id: string, o: { reason: string }) =>
      runCall(
        global(),
        { method: 'POST', path: `/v1/approvals/${id}/${decision}`, body: { reason: o.reason } },
        recordTable,
      ),
    );
}
program
  .command('security-events')
  .description('refused debits and other security events')
  .option(...P)
  .action((o: { platform?: string }) =>
    runCall(
      global(),
      { method: 'GET', path: `${base(o.platform)}/security-events` },
      itemsTable(['at', 'kind', 'actor', 'detail']),
    ),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`custos: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
