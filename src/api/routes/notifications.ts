import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createEmailRecipient,
  createWebhookEndpoint,
  deactivateReceiver,
  listOutbox,
  listReceivers,
  NOTIFICATION_EVENT_TYPES,
  OUTBOX_PAGE_MAX,
  replayDeadLetter,
} from '../../notify/index.js';
import { requireStaff, type ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';
import { IdSchema } from '../schemas.js';

const EventTypes = z.array(z.string().min(1).max(50)).min(1).max(50);
const ReceiverSchema = z.object({
  id: z.string(),
  channel: z.enum(['webhook', 'email']),
  platformId: z.string().nullable(),
  target: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});
const OutboxSchema = z.object({
  id: z.string(),
  platformId: z.string().nullable(),
  channel: z.enum(['webhook', 'email']),
  targetId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'sending', 'delivered', 'dead']),
  attempts: z.number().int(),
  attemptsMax: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  replays: z.number().int(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  deadLetteredAt: z.string().nullable(),
});

/** Webhook endpoints and e-mail recipients, the delivery log, the dead-letter list and replay. */
export const notificationRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, { db }) => {
  app.get(
    '/v1/notification-receivers',
    {
      config: { permission: 'notifications.manage' },
      schema: {
        tags: ['notifications'],
        summary: 'Webhook endpoints and e-mail recipients, with the event types they take',
        querystring: z.object({ platformId: IdSchema.optional() }).strict(),
        response: {
          200: z.object({
            items: z.array(ReceiverSchema),
            eventTypes: z.record(z.string(), z.string()),
          }),
        },
      },
    },
    async (request) => ({
      items: await listReceivers(db, request.query.platformId),
      eventTypes: { ...NOTIFICATION_EVENT_TYPES },
    }),
  );

  app.post(
    '/v1/notification-receivers/webhooks',
    {
      config: { permission: 'notifications.manage' },
      schema: {
        tags: ['notifications'],
        summary: 'Add a webhook endpoint; the signing secret is shown once, in this reply',
        body: z
          .object({
            url: z.url({ protocol: /^https?$/ }).max(2_000),
            eventTypes: EventTypes,
            platformId: IdSchema.optional(),
          })
          .strict(),
        response: { 201: z.object({ id: z.string(), secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const created = await createWebhookEndpoint(db, staff, {
        url: request.body.url,
        eventTypes: request.body.eventTypes,
        platformId: request.body.platformId ?? null,
      });
      if (!created.ok) return sendProblem(reply, problem('validation_failed', created.message));
      return reply.code(201).send({ id: created.id, secret: created.secret });
    },
  );

  app.post(
    '/v1/notification-receivers/emails',
    {
      config: { permission: 'notifications.manage' },
      schema: {
        tags: ['notifications'],
        summary: 'Add an e-mail recipient',
        body: z
          .object({
            address: z.email().max(254),
            eventTypes: EventTypes,
            platformId: IdSchema.optional(),
          })
          .strict(),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const created = await createEmailRecipient(db, staff, {
        address: request.body.address,
        eventTypes: request.body.eventTypes,
        platformId: request.body.platformId ?? null,
      });
      if (!created.ok) return sendProblem(reply, problem('validation_failed', created.message));
      return reply.code(201).send({ id: created.id });
    },
  );

  app.post(
    '/v1/notification-receivers/:receiverId/deactivate',
    {
      config: { permission: 'notifications.manage' },
      schema: {
        tags: ['notifications'],
        summary: 'Stop sending to a receiver',
        params: z.object({ receiverId: IdSchema }).strict(),
        response: { 200: z.object({ id: z.string(), active: z.literal(false) }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const done = await deactivateReceiver(db, staff, request.params.receiverId);
      if (!done)
        return sendProblem(
          reply,
          problem('not_found', `no active receiver ${request.params.receiverId}`),
        );
      return { id: request.params.receiverId, active: false as const };
    },
  );

  app.get(
    '/v1/notifications',
    {
      config: { permission: 'notifications.manage' },
      schema: {
        tags: ['notifications'],
        summary: 'Deliveries, newest first; status=dead is the dead-letter list',
        querystring: z
          .object({
            status: z.enum(['pending', 'sending', 'delivered', 'dead']).optional(),
            platformId: IdSchema.optional(),
            limit: z.coerce.number().int().min(1).max(OUTBOX_PAGE_MAX).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(OutboxSchema) }) },
      },
    },
    async (request) => ({ items: await listOutbox(db, request.query) }),
  );

  app.post(
    '/v1/notifications/:deliveryId/replay',
    {
      config: { permission: 'notifications.manage' },
      schema: {
        tags: ['notifications'],
        summary: 'Queue a dead-lettered delivery again with fresh attempts',
        params: z.object({ deliveryId: z.string().min(1).max(64) }).strict(),
        response: { 202: z.object({ id: z.string(), status: z.literal('pending') }) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const replayed = await replayDeadLetter(db, staff, request.params.deliveryId);
      if (!replayed.ok) {
        const code = replayed.code === 'unknown_notification' ? 'not_found' : 'invalid_state';
        return sendProblem(
          reply,
          problem(code, `delivery ${request.params.deliveryId}: ${replayed.code}`, {
            reason: replayed.code,
          }),
        );
      }
      return reply.code(202).send({ id: request.params.deliveryId, status: 'pending' as const });
    },
  );
};
