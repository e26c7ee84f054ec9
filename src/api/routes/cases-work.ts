import { z } from 'zod';
import {
  addCaseNote,
  assignCase,
  CASE_STATES,
  closeCase,
  DISPOSITIONS,
  moveCase,
  NOTE_LENGTH_MAX,
} from '../../cases/index.js';
import { requireStaff } from '../context.js';
import { IdSchema } from '../schemas.js';
import { CaseParams, sendCaseProblem, type App, type Db } from './cases-schemas.js';

const Ack = z.object({ caseId: z.string() });

/** Working a case: moving it between states, assigning it, noting on it and closing it. */
export function registerCaseWorkRoutes(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/cases/:caseId/moves',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary: 'Start investigating, escalate, or return an escalated case to investigation',
        params: CaseParams,
        body: z
          .object({
            move: z.enum(['start_investigation', 'escalate', 'return_to_investigation']),
            note: z.string().min(1).max(NOTE_LENGTH_MAX).optional(),
          })
          .strict(),
        response: { 200: z.object({ caseId: z.string(), state: z.enum(CASE_STATES) }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { platformId, caseId } = request.params;
      const moved = await moveCase(
        db,
        staff,
        platformId,
        caseId,
        request.body.move,
        request.body.note,
      );
      return moved.ok ? moved.value : sendCaseProblem(reply, moved.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/assignment',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary: 'Assign to a named member of staff, or to the next of a role (round-robin)',
        params: CaseParams,
        body: z.union([
          z.object({ principalId: IdSchema }).strict(),
          z.object({ role: z.string().min(1).max(40) }).strict(),
        ]),
        response: { 200: z.object({ caseId: z.string(), assigneeId: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const assigned = await assignCase(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
        request.body,
      );
      return assigned.ok ? assigned.value : sendCaseProblem(reply, assigned.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/notes',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary: 'Add a note to the timeline',
        params: CaseParams,
        body: z.object({ text: z.string().min(1).max(NOTE_LENGTH_MAX) }).strict(),
        response: { 201: Ack },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const noted = await addCaseNote(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
        request.body.text,
      );
      return noted.ok ? reply.code(201).send(noted.value) : sendCaseProblem(reply, noted.error);
    },
  );

  app.post(
    '/v1/platforms/:platformId/cases/:caseId/close',
    {
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary:
          'Close with a disposition and a written reason; high, critical and reported cases need a second person',
        params: CaseParams,
        body: z
          .object({ disposition: z.enum(DISPOSITIONS), reason: z.string().min(1).max(4_000) })
          .strict(),
        response: {
          200: z.object({ caseId: z.string(), status: z.literal('closed') }),
          202: z.object({
            caseId: z.string(),
            status: z.literal('awaiting_approval'),
            approvalId: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const closed = await closeCase(
        db,
        staff,
        request.params.platformId,
        request.params.caseId,
        request.body,
      );
      if (!closed.ok) return sendCaseProblem(reply, closed.error);
      return reply.code(closed.value.status === 'closed' ? 200 : 202).send(closed.value);
    },
  );
}
