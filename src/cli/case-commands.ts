import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PLATFORM_OPTION, platformPath } from './command-kit.js';
import { table } from './output.js';
import { itemsTable, recordTable, runCall, type GlobalOptions } from './run-command.js';

const CASE_COLUMNS = [
  'id',
  'state',
  'severity',
  'priority',
  'queue',
  'customerId',
  'assigneeId',
  'alertCount',
  'slaStatus',
  'slaDueAt',
];

function renderWorkspace(body: unknown): string {
  const w = body as {
    case: Record<string, unknown>;
    alerts: Record<string, unknown>[];
    timeline: Record<string, unknown>[];
    evidence: Record<string, unknown>[];
    counterparties: Record<string, unknown>[];
  };
  const alerts = w.alerts.map((a) => ({
    ...a,
    summary: (a.explanation as { summary?: string }).summary ?? '',
  }));
  return [
    recordTable(w.case),
    '',
    'Alerts',
    table(alerts, ['id', 'ruleId', 'severity', 'occurrences', 'lastSeenAt', 'summary']),
    '',
    'Timeline',
    table(w.timeline, ['at', 'kind', 'actor', 'detail']),
    '',
    'Evidence',
    table(w.evidence, ['id', 'fileName', 'mediaType', 'sizeBytes', 'sha256']),
    '',
    'Counterparties',
    table(w.counterparties, [
      'accountId',
      'accountType',
      'customerId',
      'instructionCount',
      'inflow',
      'outflow',
    ]),
  ].join('\n');
}

/**
 * `custos cases list|show|move|assign|note|evidence|close|metrics`, `custos alerts list`,
 * `custos incidents playbooks|list|show|open|drill|step|review|close`,
 * `custos notifications list|replay`. All go through the API.
 */
export function registerCaseCommands(program: Command): void {
  const global = (): GlobalOptions => program.opts<GlobalOptions>();
  const P = PLATFORM_OPTION;
  const cases = program.command('cases').description('alert cases: queues, work, closure');
  cases
    .command('list')
    .option(...P)
    .option('--all-platforms', 'every platform (staff)')
    .option('--state <state>', 'open, investigating, escalated or closed')
    .option('--queue <queue>', 'rules, kri, reconciliation or security')
    .option('--assignee <id>')
    .option('--open', 'only cases not closed')
    .action(
      (o: {
        platform?: string;
        allPlatforms?: boolean;
        state?: string;
        queue?: string;
        assignee?: string;
        open?: boolean;
      }) => {
        const query = new URLSearchParams();
        if (o.state !== undefined) query.set('state', o.state);
        if (o.queue !== undefined) query.set('queue', o.queue);
        if (o.assignee !== undefined) query.set('assigneeId', o.assignee);
        if (o.open === true) query.set('open', 'true');
        const where = o.allPlatforms === true ? '/v1/cases' : `${platformPath(o.platform)}/cases`;
        return runCall(
          global(),
          { method: 'GET', path: `${where}?${query.toString()}` },
          itemsTable(CASE_COLUMNS),
        );
      },
    );
  const caseCall = (o: { platform?: string }, caseId: string, suffix = '') =>
    `${platformPath(o.platform)}/cases/${caseId}${suffix}`;
  cases
    .command('show <caseId>')
    .description('the workspace: case, alerts, timeline, evidence, counterparties')
    .option(...P)
    .action((caseId: string, o: { platform?: string }) =>
      runCall(global(), { method: 'GET', path: caseCall(o, caseId) }, renderWorkspace),
    );
  cases
    .command('move <caseId> <move>')
    .description('start_investigation, escalate or return_to_investigation')
    .option(...P)
    .option('--note <text>')
    .action((caseId: string, move: string, o: { platform?: string; note?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: caseCall(o, caseId, '/moves'),
          body: { move, ...(o.note === undefined ? {} : { note: o.note }) },
        },
        recordTable,
      ),
    );
  cases
    .command('assign <caseId>')
    .option(...P)
    .option('--to <principalId>', 'a named member of staff')
    .option('--role <role>', 'the next member of this role (round-robin)')
    .action((caseId: string, o: { platform?: string; to?: string; role?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: caseCall(o, caseId, '/assignment'),
          body: o.to !== undefined ? { principalId: o.to } : { role: o.role ?? '' },
        },
        recordTable,
      ),
    );
  cases
    .command('note <caseId> <text>')
    .option(...P)
    .action((caseId: string, text: string, o: { platform?: string }) =>
      runCall(
        global(),
        { method: 'POST', path: caseCall(o, caseId, '/notes'), body: { text } },
        () => 'noted',
      ),
    );
  cases
    .command('evidence <caseId> <file>')
    .description('attach a file (pdf, png, jpg, gif, txt, csv, json, xml, eml, docx, xlsx, zip)')
    .option(...P)
    .option('--description <text>')
    .action((caseId: string, file: string, o: { platform?: string; description?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: caseCall(o, caseId, '/evidence'),
          body: {
            fileName: path.basename(file),
            contentBase64: fs.readFileSync(file).toString('base64'),
            ...(o.description === undefined ? {} : { description: o.description }),
          },
        },
        recordTable,
      ),
    );
  cases
    .command('close <caseId>')
    .description(
      'close with a disposition and reason; high and critical cases wait for a second person',
    )
    .option(...P)
    .requiredOption(
      '--disposition <d>',
      'false_positive, confirmed_reported, frozen, referred or remediated',
    )
    .requiredOption('--reason <text>', 'why (kept with the case; at least 10 characters)')
    .action((caseId: string, o: { platform?: string; disposition: string; reason: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: caseCall(o, caseId, '/close'),
          body: { disposition: o.disposition, reason: o.reason },
        },
        recordTable,
      ),
    );
  cases
    .command('metrics')
    .option(...P)
    .option('--since-days <n>', 'cases opened in the last n days', '90')
    .action((o: { platform?: string; sinceDays: string }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/case-metrics?sinceDays=${o.sinceDays}`,
        },
        (body) => {
          const b = body as { queues: Record<string, unknown>[]; rules: Record<string, unknown>[] };
          const queues = b.queues.map((q) => ({
            ...q,
            triageP50Ms: (q.timeToTriage as { p50Ms: number | null }).p50Ms,
            closeP50Ms: (q.timeToClose as { p50Ms: number | null }).p50Ms,
          }));
          return `${table(queues, ['queue', 'cases', 'open', 'closed', 'triageP50Ms', 'closeP50Ms', 'slaBreachRate'])}\n\n${table(b.rules, ['ruleId', 'closedCases', 'falsePositives', 'falsePositiveRate'])}`;
        },
      ),
    );

  program
    .command('alerts')
    .description('alerts from every source')
    .command('list')
    .option(...P)
    .option('--case <caseId>')
    .action((o: { platform?: string; case?: string }) =>
      runCall(
        global(),
        {
          method: 'GET',
          path: `${platformPath(o.platform)}/alerts${o.case === undefined ? '' : `?caseId=${o.case}`}`,
        },
        itemsTable([
          'id',
          'source',
          'ruleId',
          'severity',
          'customerId',
          'caseId',
          'occurrences',
          'lastSeenAt',
        ]),
      ),
    );
  registerIncidentCommands(program, global);
}

function registerIncidentCommands(program: Command, global: () => GlobalOptions): void {
  const incidents = program
    .command('incidents')
    .description('emergency playbooks, incidents and drills');
  incidents.command('playbooks').action(() =>
    runCall(global(), { method: 'GET', path: '/v1/playbooks' }, (body) =>
      (
        body as {
          items: { incidentType: string; title: string; steps: Record<string, unknown>[] }[];
        }
      ).items
        .map(
          (p) =>
            `${p.incidentType}: ${p.title}\n${table(p.steps, ['stepNo', 'title', 'ownerRole', 'deadlineMinutes'])}`,
        )
        .join('\n\n'),
    ),
  );
  incidents
    .command('list')
    .option('--open', 'only open incidents')
    .action((o: { open?: boolean }) =>
      runCall(
        global(),
        { method: 'GET', path: `/v1/incidents${o.open === true ? '?state=open' : ''}` },
        itemsTable([
          'id',
          'incidentType',
          'severity',
          'isDrill',
          'state',
          'platformId',
          'openedAt',
          'closedAt',
        ]),
      ),
    );
  incidents.command('show <incidentId>').action((id: string) =>
    runCall(global(), { method: 'GET', path: `/v1/incidents/${id}` }, (body) => {
      const b = body as Record<string, unknown> & { steps: Record<string, unknown>[] };
      return `${recordTable(b)}\n\n${table(b.steps, ['stepNo', 'title', 'ownerRole', 'dueAt', 'status', 'overdue', 'doneBy', 'note'])}`;
    }),
  );
  for (const drill of [false, true]) {
    incidents
      .command(drill ? 'drill <type>' : 'open <type>')
      .description(drill ? 'run a playbook as a drill' : 'open an incident from its playbook')
      .requiredOption('--title <text>')
      .requiredOption('--summary <text>')
      .option('--severity <s>', 'low, medium, high or critical', 'high')
      .option('-p, --platform <id>', 'the platform concerned, if one')
      .option('--case <caseId>')
      .action(
        (
          type: string,
          o: { title: string; summary: string; severity: string; platform?: string; case?: string },
        ) =>
          runCall(
            global(),
            {
              method: 'POST',
              path: drill ? '/v1/incidents/drills' : '/v1/incidents',
              body: {
                incidentType: type,
                title: o.title,
                summary: o.summary,
                severity: o.severity,
                ...(o.platform === undefined ? {} : { platformId: o.platform }),
                ...(o.case === undefined ? {} : { caseId: o.case }),
              },
            },
            recordTable,
          ),
      );
  }
  incidents
    .command('step <incidentId> <stepNo> <outcome>')
    .description('mark a step done or skipped (skips need --note)')
    .option('--note <text>')
    .action((id: string, stepNo: string, outcome: string, o: { note?: string }) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `/v1/incidents/${id}/steps/${stepNo}`,
          body: { outcome, ...(o.note === undefined ? {} : { note: o.note }) },
        },
        recordTable,
      ),
    );
  incidents
    .command('review <incidentId> <file>')
    .description('record the review from a JSON file {causes, lessons, followUpActions}')
    .action((id: string, file: string) =>
      runCall(
        global(),
        {
          method: 'POST',
          path: `/v1/incidents/${id}/review`,
          body: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown,
        },
        recordTable,
      ),
    );
  incidents
    .command('close <incidentId>')
    .action((id: string) =>
      runCall(global(), { method: 'POST', path: `/v1/incidents/${id}/close` }, recordTable),
    );

  const notifications = program
    .command('notifications')
    .description('deliveries and the dead-letter list');
  notifications
    .command('list')
    .option('--dead', 'only dead-lettered deliveries')
    .action((o: { dead?: boolean }) =>
      runCall(
        global(),
        { method: 'GET', path: `/v1/notifications${o.dead === true ? '?status=dead' : ''}` },
        itemsTable([
          'id',
          'channel',
          'targetId',
          'eventType',
          'status',
          'attempts',
          'nextAttemptAt',
          'lastError',
        ]),
      ),
    );
  notifications
    .command('replay <deliveryId>')
    .action((id: string) =>
      runCall(
        global(),
        { method: 'POST', path: `/v1/notifications/${id}/replay`, body: {} },
        recordTable,
      ),
    );
}
