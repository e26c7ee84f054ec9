import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { table } from './output.js';
import { recordTable, runCall, type GlobalOptions } from './run-command.js';

interface RiskRow {
  id: string;
  code: string;
  title: string;
  category: string;
  ownerId: string;
  inherent: { likelihood: number; impact: number; score: number };
  residual: { likelihood: number; impact: number; score: number; band: string };
  toleranceStatus: string;
  nextReviewOn: string;
  reviewState: string;
}

const cell = (p: { likelihood: number; impact: number; score: number }) =>
  `${p.likelihood}×${p.impact}=${p.score}`;

function riskRows(risks: RiskRow[]): string {
  return table(
    risks.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      category: r.category,
      inherent: cell(r.inherent),
      residual: `${cell(r.residual)} ${r.residual.band}`,
      tolerance: r.toleranceStatus,
      review: `${r.nextReviewOn} ${r.reviewState}`,
      owner: r.ownerId,
    })),
    ['id', 'code', 'title', 'category', 'inherent', 'residual', 'tolerance', 'review', 'owner'],
  );
}

function riskDetail(body: unknown): string {
  const detail = body as {
    risk: RiskRow & { cause: string; consequence: string; treatment: string };
    controls: {
      code: string;
      kind: string;
      declaredEffectiveness: string;
      latestOutcome: string | null;
      effectiveness: string;
    }[];
    history: {
      assessedAt: string;
      reason: string;
      inherent: RiskRow['inherent'];
      residual: RiskRow['inherent'];
      assessedBy: string;
      note: string | null;
    }[];
  };
  const r = detail.risk;
  return [
    `${r.code} ${r.title} (${r.id})`,
    `category ${r.category}; owner ${r.ownerId}; treatment ${r.treatment}`,
    `cause: ${r.cause}`,
    `consequence: ${r.consequence}`,
    `inherent ${cell(r.inherent)}, residual ${cell(r.residual)} (${r.toleranceStatus}); next review ${r.nextReviewOn} (${r.reviewState})`,
    '',
    'controls',
    table(detail.controls, [
      'code',
      'kind',
      'declaredEffectiveness',
      'latestOutcome',
      'effectiveness',
    ]),
    '',
    'assessments',
    table(
      detail.history.map((h) => ({ ...h, inherent: cell(h.inherent), residual: cell(h.residual) })),
      ['assessedAt', 'reason', 'inherent', 'residual', 'assessedBy', 'note'],
    ),
  ].join('\n');
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `custos risks list|show|assess|seed|sweep`, `custos losses add|list`,
 * `custos partners list|review`: the risk register through the API.
 */
export function registerRiskCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  registerRisks(program, global);
  registerLosses(program, global);
  registerPartners(program, global);
}

function registerRisks(program: Command, global: () => GlobalOptions): void {
  const P = PLATFORM_OPTION;
  const risks = program
    .command('risks')
    .description('the risk register: risks, assessments, heat map');
  risks
    .command('list')
    .option(...P)
    .option('--category <category>', 'misappropriation, operational, compliance, …')
    .option('--owner <principalId>', "one owner's risks")
    .option('--overdue', 'only risks past their review date')
    .action((o: { platform?: string; category?: string; owner?: string; overdue?: boolean }) => {
      const query = new URLSearchParams();
      if (o.category !== undefined) query.set('category', o.category);
      if (o.owner !== undefined) query.set('ownerId', o.owner);
      if (o.overdue === true) query.set('overdue', 'true');
      return runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/risks?${query.toString()}` },
        (body) => riskRows((body as { items: RiskRow[] }).items),
      );
    });
  risks
    .command('show <riskId>')
    .option(...P)
    .action((riskId: string, o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/risks/${riskId}` },
        riskDetail,
      ),
    );
  risks
    .command('assess <riskId>')
    .description('record an inherent assessment; the residual follows from the linked controls')
    .option(...P)
    .requiredOption('--likelihood <1-5>', 'likelihood, 1 rare … 5 almost certain', Number)
    .requiredOption('--impact <1-5>', 'impact, 1 minor … 5 severe', Number)
    .requiredOption('--note <text>', 'the basis of the assessment')
    .option('--next-review <YYYY-MM-DD>', 'the next review date (default: one cadence on)')
    .action(
      (
        riskId: string,
        o: {
          platform?: string;
          likelihood: number;
          impact: number;
          note: string;
          nextReview?: string;
        },
      ) =>
        runCall(
          global(),
          {
            method: 'POST',
            path: `${platformPath(o.platform)}/risks/${riskId}/assessments`,
            body: {
              likelihood: o.likelihood,
              impact: o.impact,
              note: o.note,
              ...(o.nextReview === undefined ? {} : { nextReviewOn: o.nextReview }),
            },
          },
          (body) => {
            const a = body as {
              residual: { likelihood: number; impact: number };
              toleranceStatus: string;
            };
            return `assessed: residual ${a.residual.likelihood}×${a.residual.impact} (${a.toleranceStatus})`;
          },
        ),
    );
  risks
    .command('seed')
    .description("add the default register's risks the platform lacks")
    .option(...P)
    .option('--owner <principalId>', 'owner of the new risks (default: the caller)')
    .action((o: { platform?: string; owner?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/risks/seed`,
          body: o.owner === undefined ? {} : { ownerId: o.owner },
        },
        (body) => {
          const seeded = body as { created: string[]; skipped: string[] };
          return `created ${seeded.created.length} (${seeded.created.join(', ')}); kept ${seeded.skipped.length}`;
        },
      ),
    );
  risks
    .command('sweep')
    .description('re-score from control results; reminders and alerts for reviews and expiries')
    .option(...P)
    .action((o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'POST', path: `${platformPath(o.platform)}/risk-register/sweep` },
        recordTable,
      ),
    );
}

function registerLosses(program: Command, global: () => GlobalOptions): void {
  const P = PLATFORM_OPTION;
  const losses = program.command('losses').description('loss events and near misses');
  losses
    .command('add')
    .option(...P)
    .requiredOption('--title <text>', 'what happened')
    .requiredOption('--cause-category <category>', 'misappropriation, operational, …')
    .requiredOption('--cause <text>', 'why it happened')
    .requiredOption('--occurred <YYYY-MM-DD>', 'when it happened')
    .requiredOption('--discovered <YYYY-MM-DD>', 'when it was found')
    .requiredOption('--currency <code>', 'ISO 4217 code')
    .option('--near-miss', 'nothing was lost')
    .option('--gross <amount>', 'gross loss, decimal', '0')
    .option('--potential <amount>', 'what a near miss would have cost', '0')
    .option('--recovered-insurance <amount>', 'recovered from insurance', '0')
    .option('--recovered-guarantee <amount>', 'recovered under a guarantee', '0')
    .option('--recovered-other <amount>', 'recovered otherwise', '0')
    .option('--booked <YYYY-MM-DD>', 'when it was booked')
    .option('--risk <riskId>', 'a risk it realizes (repeatable)', collect, [])
    .option('--case <caseId>', 'a case it belongs to (repeatable)', collect, [])
    .option('--incident <incidentId>', 'an incident it belongs to (repeatable)', collect, [])
    .action((o: Record<string, string | boolean | string[] | undefined> & { platform?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `${platformPath(o.platform)}/loss-events`,
          body: {
            title: o.title,
            kind: o.nearMiss === true ? 'near_miss' : 'loss',
            causeCategory: o.causeCategory,
            cause: o.cause,
            occurredOn: o.occurred,
            discoveredOn: o.discovered,
            bookedOn: o.booked ?? null,
            currency: o.currency,
            grossLoss: o.gross,
            potentialLoss: o.potential,
            recoveryInsurance: o.recoveredInsurance,
            recoveryGuarantee: o.recoveredGuarantee,
            recoveryOther: o.recoveredOther,
            riskIds: o.risk,
            caseIds: o.case,
            incidentIds: o.incident,
          },
        },
        (body) => {
          const e = body as { id: string; netLoss: { amount: string; currency: string } };
          return `loss event ${e.id}: net loss ${e.netLoss.amount} ${e.netLoss.currency}`;
        },
      ),
    );
  losses
    .command('list')
    .option(...P)
    .option('--risk <riskId>', 'only events linked to this risk')
    .option('--from <YYYY-MM-DD>')
    .option('--to <YYYY-MM-DD>')
    .action((o: { platform?: string; risk?: string; from?: string; to?: string }) => {
      const query = new URLSearchParams();
      if (o.risk !== undefined) query.set('riskId', o.risk);
      if (o.from !== undefined) query.set('from', o.from);
      if (o.to !== undefined) query.set('to', o.to);
      return runCall(
        global(),
        { method: 'GET', path: `${platformPath(o.platform)}/loss-events?${query.toString()}` },
        (body) => {
          const listed = body as {
            items: Record<string, unknown>[];
            totals: Record<string, unknown>[];
          };
          return [
            table(listed.items, [
              'id',
              'occurredOn',
              'kind',
              'causeCategory',
              'title',
              'grossLoss',
              'netLoss',
            ]),
            '',
            table(listed.totals, ['currency', 'events', 'nearMisses', 'gross', 'recovered', 'net']),
          ].join('\n');
        },
      );
    });
}

function registerPartners(program: Command, global: () => GlobalOptions): void {
  const P = PLATFORM_OPTION;
  const partners = program
    .command('partners')
    .description('cooperating institutions and their reviews');
  partners
    .command('list')
    .option(...P)
    .option('--overdue', 'only partners past their review date')
    .action((o: { platform?: string; overdue?: boolean }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/partners${o.overdue === true ? '?overdue=true' : ''}`,
        },
        (body) =>
          table((body as { items: Record<string, unknown>[] }).items, [
            'id',
            'name',
            'kind',
            'rating',
            'nextReviewOn',
            'reviewState',
            'qualificationsExpiring',
            'ownerId',
          ]),
      ),
    );
  partners
    .command('review <partnerId>')
    .description('record a due-diligence review by the caller')
    .option(...P)
    .requiredOption('--rating <A-E>', 'A strongest … E weakest; sets the review cadence')
    .requiredOption('--findings <text>', 'what the review found')
    .option('--scope <scope>', 'onboarding, periodic or event_driven', 'periodic')
    .option('--reviewed-on <YYYY-MM-DD>', 'the review date (default: today, UTC)')
    .action(
      (
        partnerId: string,
        o: {
          platform?: string;
          rating: string;
          findings: string;
          scope: string;
          reviewedOn?: string;
        },
      ) =>
        runCall(
          global(),
          {
            method: 'POST',
            path: `${platformPath(o.platform)}/partners/${partnerId}/due-diligence`,
            body: {
              reviewedOn: o.reviewedOn ?? new Date().toISOString().slice(0, 10),
              scope: o.scope,
              findings: o.findings,
              rating: o.rating,
            },
          },
          (body) => {
            const d = body as { id: string; rating: string; nextReviewOn: string };
            return `review ${d.id}: rating ${d.rating}, next review ${d.nextReviewOn}`;
          },
        ),
    );
}
