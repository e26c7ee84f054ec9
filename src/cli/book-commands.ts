import { createdId, platformPath, PLATFORM_OPTION, type CommandKit } from './command-kit.js';
import { table } from './output.js';
import { itemsTable, recordTable, runCall } from './run-command.js';

export function registerBookCommands(kit: CommandKit): void {
  const { program, global } = kit;
  const P = PLATFORM_OPTION;
  const base = platformPath;
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
          createdId('customer'),
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
        createdId('account'),
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
            currencies: {
              currency: string;
              balanced: boolean;
              byType: Record<string, unknown>[];
            }[];
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
}
