import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { itemsTable, recordTable, runCall, type GlobalOptions } from './run-command.js';

/** Prints the re-verification report; a failed verification makes the exit code 1. */
function verificationReport(body: unknown): string {
  const report = body as { verified?: boolean; problem?: string | null };
  if (report.verified !== true) process.exitCode = 1;
  const verdict =
    report.verified === true
      ? 'VERIFIED: the stored passkey assertion signs this instruction'
      : `NOT VERIFIED: ${report.problem ?? 'unknown reason'}`;
  return `${recordTable(body)}\n${verdict}`;
}

/**
 * `custos portal verify-authorization|enrolment-link|payment-requests`: the customer portal
 * seen from the platform's and auditors' side, over the API.
 */
export function registerPortalCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const portal = program
    .command('portal')
    .description('customer portal: passkey enrolment links, payment requests, evidence checks');
  portal
    .command('verify-authorization')
    .description("re-verify a passkey-authorized instruction against the customer's public key")
    .argument('<instructionId>')
    .option(...PLATFORM_OPTION)
    .action((instructionId: string, o: { platform?: string }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/instructions/${encodeURIComponent(instructionId)}/authorization-verification`,
        },
        verificationReport,
      ),
    );
  portal
    .command('enrolment-link')
    .description('a one-time link for a customer to register a passkey (shown once)')
    .argument('<customerId>')
    .option(...PLATFORM_OPTION)
    .action((customerId: string, o: { platform?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/customers/${encodeURIComponent(customerId)}/portal-enrolments`,
          body: {},
        },
        recordTable,
      ),
    );
  portal
    .command('payment-requests')
    .description('payment requests and what became of them')
    .option(...PLATFORM_OPTION)
    .option('--customer <id>', 'only this customer')
    .option('--awaiting', 'only those still awaiting the customer')
    .action((o: { platform?: string; customer?: string; awaiting?: boolean }) => {
      const query = new URLSearchParams({ status: o.awaiting === true ? 'awaiting' : 'all' });
      if (o.customer !== undefined) query.set('customerId', o.customer);
      return runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/payment-requests?${query.toString()}` },
        itemsTable(['id', 'customerId', 'type', 'purpose', 'status', 'expiresAt', 'instructionId']),
      );
    });
}
