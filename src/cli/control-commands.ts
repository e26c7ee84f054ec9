import {
  createdId,
  platformPath,
  PLATFORM_OPTION,
  REASON_OPTION,
  type CommandKit,
} from './command-kit.js';
import { itemsTable, recordTable, runCall } from './run-command.js';

export function registerControlCommands(kit: CommandKit): void {
  const { program, global } = kit;
  const P = PLATFORM_OPTION;
  const base = platformPath;
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
          createdId('freeze'),
        ),
    );
  freezes
    .command('lift <freezeId>')
    .description('ask to lift: another person must approve')
    .option(...P)
    .requiredOption(...REASON_OPTION)
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
      .requiredOption(...REASON_OPTION)
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
}
