import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath, REASON_OPTION } from './command-kit.js';
import { table } from './output.js';
import { runCall, type GlobalOptions } from './run-command.js';

const HOLD_COLUMNS = [
  'holdId',
  'subjectType',
  'subjectId',
  'placedAt',
  'placedBy',
  'reason',
  'releasedAt',
  'releaseRequested',
];

/** The holds, each with the approval id of its open release request, if any. */
function holdsTable(body: unknown): string {
  type Hold = Record<string, unknown> & { releaseRequest: { approvalId: string } | null };
  const { holds } = body as { holds: Hold[] };
  return table(
    holds.map((hold) => ({ ...hold, releaseRequested: hold.releaseRequest?.approvalId ?? '' })),
    HOLD_COLUMNS,
  );
}

function holdText(body: unknown): string {
  const hold = body as { holdId: string; subjectType: string; subjectId: string };
  return `hold ${hold.holdId} placed: ${hold.subjectType} ${hold.subjectId} is kept until released`;
}

function releaseRequestText(body: unknown): string {
  const request = body as { approvalId: string; holdId: string };
  return (
    `release of hold ${request.holdId} requested: approval ${request.approvalId} awaits a second ` +
    `person (custos approvals approve ${request.approvalId}); the hold stays until then`
  );
}

/**
 * `… retention holds|hold|release`: list the holds that keep records past their period, place
 * one on a customer or a report, ask to release one.
 */
export function addRetentionHoldCommands(retention: Command, global: () => GlobalOptions): void {
  retention
    .command('holds')
    .description('the active retention holds (with --all, released ones too), newest first')
    .option(...PLATFORM_OPTION)
    .option('--all', 'include released holds')
    .action((o: { platform?: string; all?: boolean }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/retention/holds${o.all === true ? '?includeReleased=true' : ''}`,
        },
        holdsTable,
      ),
    );
  retention
    .command('hold')
    .description("keep a customer's personal data or a report's stored files until released")
    .option(...PLATFORM_OPTION)
    .option('--customer <id>', 'hold this customer')
    .option('--report <id>', 'hold this report')
    .requiredOption(...REASON_OPTION)
    .action((o: { platform?: string; customer?: string; report?: string; reason: string }) => {
      if ((o.customer === undefined) === (o.report === undefined)) {
        // Bad usage: exit 2, nothing sent.
        process.stderr.write(
          'custos: hold needs exactly one of --customer <id> and --report <id>\n',
        );
        process.exitCode = 2;
        return;
      }
      const subject =
        o.customer === undefined
          ? { subjectType: 'report', subjectId: o.report }
          : { subjectType: 'customer', subjectId: o.customer };
      return runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/retention/holds`,
          body: { ...subject, reason: o.reason },
        },
        holdText,
      );
    });
  retention
    .command('release <holdId>')
    .description(
      'ask to release a retention hold; once a second person approves, its records are due again',
    )
    .option(...PLATFORM_OPTION)
    .requiredOption(...REASON_OPTION)
    .action((holdId: string, o: { platform?: string; reason: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/retention/holds/${encodeURIComponent(holdId)}/release`,
          body: { reason: o.reason },
        },
        releaseRequestText,
      ),
    );
}
