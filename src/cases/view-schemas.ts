import { z } from 'zod';
import { ALERT_SOURCES, CASE_QUEUES } from './alert-input.js';
import { CASE_STATES, DISPOSITIONS } from './case-state.js';
import { INCIDENT_TYPES } from './incident-types.js';
import { SEVERITIES } from './severity.js';

/** Wire shapes of the views this module returns (responses are serialized through them). */
export const CaseViewSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  customerId: z.string().nullable(),
  queue: z.enum(CASE_QUEUES),
  state: z.enum(CASE_STATES),
  severity: z.enum(SEVERITIES),
  priority: z.number().int(),
  assigneeId: z.string().nullable(),
  alertCount: z.number().int(),
  openedAt: z.string(),
  triagedAt: z.string().nullable(),
  slaWarnAt: z.string(),
  slaDueAt: z.string(),
  slaStatus: z.enum(['on_time', 'warning', 'breached', 'met']),
  slaWarnedAt: z.string().nullable(),
  slaBreachedAt: z.string().nullable(),
  closeApprovalId: z.string().nullable(),
  disposition: z.enum(DISPOSITIONS).nullable(),
  closeReason: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeApprovedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const AlertViewSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  alertKey: z.string(),
  source: z.enum(ALERT_SOURCES),
  ruleId: z.string(),
  ruleVersion: z.number().int(),
  severity: z.enum(SEVERITIES),
  customerId: z.string().nullable(),
  score: z.number(),
  explanation: z.record(z.string(), z.unknown()),
  caseId: z.string(),
  occurrences: z.number().int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});

export const CaseEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  actor: z.string(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const EvidenceViewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  description: z.string().nullable(),
  addedBy: z.string(),
  addedAt: z.string(),
});

const Duration = z.object({
  count: z.number().int(),
  p50Ms: z.number().nullable(),
  p90Ms: z.number().nullable(),
  meanMs: z.number().nullable(),
});

export const MetricsSchema = z.object({
  queues: z.array(
    z.object({
      queue: z.enum(CASE_QUEUES),
      cases: z.number().int(),
      open: z.number().int(),
      closed: z.number().int(),
      timeToTriage: Duration,
      timeToClose: Duration,
      slaBreachRate: z.number().nullable(),
    }),
  ),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      closedCases: z.number().int(),
      falsePositives: z.number().int(),
      falsePositiveRate: z.number().nullable(),
    }),
  ),
  casesRead: z.number().int(),
});

export const PlaybookSchema = z.object({
  id: z.string(),
  incidentType: z.enum(INCIDENT_TYPES),
  title: z.string(),
  description: z.string(),
  steps: z.array(
    z.object({
      stepNo: z.number().int(),
      title: z.string(),
      instructions: z.string(),
      ownerRole: z.string(),
      deadlineMinutes: z.number().int(),
    }),
  ),
});

const FollowUpSchema = z.object({ action: z.string(), ownerRole: z.string(), dueDate: z.string() });

export const IncidentSummarySchema = z.object({
  id: z.string(),
  platformId: z.string().nullable(),
  incidentType: z.enum(INCIDENT_TYPES),
  playbookId: z.string(),
  title: z.string(),
  summary: z.string(),
  severity: z.string(),
  isDrill: z.boolean(),
  state: z.enum(['open', 'closed']),
  caseId: z.string().nullable(),
  openedBy: z.string(),
  openedAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const IncidentViewSchema = IncidentSummarySchema.extend({
  steps: z.array(
    z.object({
      stepNo: z.number().int(),
      title: z.string(),
      ownerRole: z.string(),
      dueAt: z.string(),
      status: z.enum(['pending', 'done', 'skipped']),
      overdue: z.boolean(),
      doneBy: z.string().nullable(),
      doneAt: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  review: z
    .object({
      causes: z.array(z.string()),
      lessons: z.array(z.string()),
      followUpActions: z.array(FollowUpSchema),
      reviewedBy: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
});

export const IncidentReviewBody = z
  .object({
    causes: z.array(z.string().min(1).max(2_000)).min(1).max(50),
    lessons: z.array(z.string().min(1).max(2_000)).min(1).max(50),
    followUpActions: z
      .array(
        z
          .object({
            action: z.string().min(1).max(2_000),
            ownerRole: z.string().min(1).max(40),
            dueDate: z.iso.date(),
          })
          .strict(),
      )
      .max(50),
  })
  .strict();
