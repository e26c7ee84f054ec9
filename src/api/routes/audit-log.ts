import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bytesToBase64 } from '../../audit/index.js';
import {
  AUDIT_ENTRIES_PER_READ_MAX,
  AUDIT_LOG_OPTIONS_DEFAULT,
  auditEntryBySeq,
  auditLogFor,
  checkpointNoteWithCosignatures,
  listWitnesses,
  readAuditEntries,
  registerWitness,
  submitCosignature,
  type AuditLog,
  type AuditLogOptions,
  type StoredAuditEntry,
  type StoredCheckpoint,
} from '../../audit/audit-log.js';
import type { Principal } from '../../security/index.js';
import { platformScope } from '../../security/index.js';
import { requirePrincipal, requireStaff, type ApiContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';

export interface AuditLogRouteOptions extends ApiContext {
  /** Checkpoint cadence and signer key; defaults when absent (see src/config.ts). */
  auditLog?: AuditLogOptions;
  /** Issue checkpoints in the background (default true). */
  checkpointScheduler?: boolean;
}

const Count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Base64Hash = z.string().describe('SHA-256 hash, standard base64');
const CheckpointReply = z.object({
  origin: z.string(),
  treeSize: z.number(),
  rootHash: Base64Hash,
  note: z.string().describe('C2SP signed note: log signature, then witness cosignatures'),
  createdAt: z.string(),
  cosignatures: z.array(z.object({ witness: z.string(), line: z.string() })),
});
const EntryReply = z.object({
  leafIndex: z.number(),
  seq: z.string().nullable(),
  withheld: z.boolean(),
  entry: z.string().nullable().describe('RFC 8785 canonical JSON: the exact leaf data'),
  leafHash: Base64Hash.nullable(),
});

function checkpointReply(checkpoint: StoredCheckpoint, origin: string) {
  return {
    origin,
    treeSize: checkpoint.treeSize,
    rootHash: bytesToBase64(checkpoint.rootHash),
    note: checkpointNoteWithCosignatures(checkpoint),
    createdAt: checkpoint.createdAt,
    cosignatures: checkpoint.cosignatureLines.map((line) => ({
      witness: line.split(' ')[1] ?? '',
      line,
    })),
  };
}

/**
 * Staff see every entry; a platform (or a regulator) sees the entries of the platforms in its
 * scope and learns only the position of others.
 */
function entryReply(entry: StoredAuditEntry, principal: Principal) {
  const scope = platformScope(principal);
  const visible = scope === null || (entry.platformId !== null && scope.includes(entry.platformId));
  return {
    leafIndex: entry.leafIndex,
    seq: visible ? entry.seq : null,
    withheld: !visible,
    entry: visible ? entry.entry : null,
    leafHash: visible ? bytesToBase64(entry.leafHash) : null,
  };
}

/** Refuses tree sizes past the committed log, after catching up with other processes. */
async function committedSize(
  log: AuditLog,
  treeSize: number,
  reply: FastifyReply,
): Promise<boolean> {
  const size = await log.sync();
  if (treeSize <= size) return true;
  void sendProblem(reply, problem('not_found', `the log has ${size} leaves, not ${treeSize}`));
  return false;
}

function wantsText(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/plain') && !accept.includes('application/json');
}

/**
 * The tamper-evident audit log over HTTP: signed checkpoints, inclusion and consistency
 * proofs (no key needed: they are hashes), entries (tenant-scoped), the verifier key, and
 * witness cosignatures (authenticated by the cosignature itself).
 */
export const auditLogRoutes: FastifyPluginAsyncZod<AuditLogRouteOptions> = async (app, options) => {
  const log = auditLogFor(options.db, options.auditLog ?? AUDIT_LOG_OPTIONS_DEFAULT);
  if (options.checkpointScheduler !== false) {
    log.startScheduler();
    app.addHook('onClose', async () => log.stopScheduler());
  }

  app.get(
    '/v1/audit/checkpoint',
    {
      config: { public: true },
      schema: {
        tags: ['audit log'],
        summary: 'Latest signed checkpoint (send Accept: text/plain for the bare signed note)',
        response: { 200: CheckpointReply },
      },
    },
    async (request, reply) => {
      const { checkpoint } = await log.latestNote();
      const identity = await log.identity();
      const body = checkpointReply(checkpoint, identity.origin);
      // A string with a text content type bypasses the JSON serializer: the note, byte-exact.
      if (wantsText(request)) {
        return reply.type('text/plain; charset=utf-8').send(body.note as unknown as typeof body);
      }
      return body;
    },
  );

  app.post(
    '/v1/audit/checkpoint',
    {
      config: { permission: 'audit_log.manage' },
      schema: {
        tags: ['audit log'],
        summary: 'Sign a checkpoint for every committed record now (staff)',
        response: { 200: CheckpointReply },
      },
    },
    async (request, reply) => {
      if (requireStaff(request, reply) === null) return reply;
      const checkpoint = await log.issueCheckpoint();
      return checkpointReply(checkpoint, (await log.identity()).origin);
    },
  );

  app.get(
    '/v1/audit/log-key',
    {
      config: { public: true },
      schema: {
        tags: ['audit log'],
        summary: "The log's C2SP verifier key (Ed25519): what auditors and witnesses trust",
        response: { 200: z.object({ origin: z.string(), verifierKey: z.string() }) },
      },
    },
    async () => {
      const identity = await log.identity();
      return { origin: identity.origin, verifierKey: identity.verifierKey };
    },
  );

  registerProofRoutes(app, log);
  registerEntryRoutes(app, log);
  registerWitnessRoutes(app, log);
};

type App = Parameters<FastifyPluginAsyncZod<AuditLogRouteOptions>>[0];

function registerProofRoutes(app: App, log: AuditLog): void {
  app.get(
    '/v1/audit/proof/inclusion',
    {
      config: { public: true },
      schema: {
        tags: ['audit log'],
        summary: 'RFC 9162 inclusion proof of leaf `index` in the tree of `treeSize` leaves',
        querystring: z.object({ index: Count, treeSize: Count }).strict(),
        response: {
          200: z.object({
            leafIndex: z.number(),
            treeSize: z.number(),
            rootHash: Base64Hash,
            proof: z.array(Base64Hash),
          }),
        },
      },
    },
    async (request, reply) => {
      const { index, treeSize } = request.query;
      if (index >= treeSize) {
        return sendProblem(reply, problem('validation_failed', 'index must be below treeSize'));
      }
      if (!(await committedSize(log, treeSize, reply))) return reply;
      return {
        leafIndex: index,
        treeSize,
        rootHash: bytesToBase64(log.rootAt(treeSize)),
        proof: log.inclusionProof(index, treeSize).map(bytesToBase64),
      };
    },
  );

  app.get(
    '/v1/audit/proof/consistency',
    {
      config: { public: true },
      schema: {
        tags: ['audit log'],
        summary: 'RFC 9162 consistency proof between the trees of `first` and `second` leaves',
        querystring: z.object({ first: Count, second: Count }).strict(),
        response: {
          200: z.object({
            first: z.number(),
            second: z.number(),
            firstRootHash: Base64Hash,
            secondRootHash: Base64Hash,
            proof: z.array(Base64Hash),
          }),
        },
      },
    },
    async (request, reply) => {
      const { first, second } = request.query;
      if (first > second) {
        return sendProblem(reply, problem('validation_failed', 'first must not exceed second'));
      }
      if (!(await committedSize(log, second, reply))) return reply;
      return {
        first,
        second,
        firstRootHash: bytesToBase64(log.rootAt(first)),
        secondRootHash: bytesToBase64(log.rootAt(second)),
        proof: log.consistencyProof(first, second).map(bytesToBase64),
      };
    },
  );
}

function registerEntryRoutes(app: App, log: AuditLog): void {
  app.get(
    '/v1/audit/entries',
    {
      config: { permission: 'audit_log.read' },
      schema: {
        tags: ['audit log'],
        summary: `Leaves [start, end), at most ${AUDIT_ENTRIES_PER_READ_MAX}; other platforms' entries are withheld`,
        querystring: z.object({ start: Count, end: Count }).strict(),
        response: {
          200: z.object({
            start: z.number(),
            end: z.number(),
            withheldCount: z.number(),
            note: z.string().nullable(),
            items: z.array(EntryReply),
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const { start, end } = request.query;
      if (start > end || end - start > AUDIT_ENTRIES_PER_READ_MAX) {
        const detail = `need start <= end and at most ${AUDIT_ENTRIES_PER_READ_MAX} entries`;
        return sendProblem(reply, problem('validation_failed', detail));
      }
      const items = (await readAuditEntries(log.db, start, end)).map((entry) =>
        entryReply(entry, principal),
      );
      const withheldCount = items.filter((item) => item.withheld).length;
      const note =
        withheldCount === 0
          ? null
          : `${withheldCount} entries of other platforms are withheld: only their positions are shown`;
      return { start, end, withheldCount, note, items };
    },
  );

  app.get(
    '/v1/audit/records/:seq',
    {
      config: { permission: 'audit_log.read' },
      schema: {
        tags: ['audit log'],
        summary: 'One audit record by seq, with its leaf index (for "verify this record")',
        params: z.object({ seq: z.string().regex(/^[1-9][0-9]{0,18}$/) }).strict(),
        response: { 200: EntryReply },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (principal === null) return reply;
      const entry = await auditEntryBySeq(log.db, request.params.seq);
      const shown = entry === null ? null : entryReply(entry, principal);
      if (shown === null || shown.withheld) {
        return sendProblem(reply, problem('not_found', `no audit record ${request.params.seq}`));
      }
      return shown;
    },
  );
}

const WitnessReply = z.object({
  name: z.string(),
  verifierKey: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});

function registerWitnessRoutes(app: App, log: AuditLog): void {
  app.get(
    '/v1/audit/witnesses',
    {
      config: { permission: 'audit_log.read' },
      schema: {
        tags: ['audit log'],
        summary: 'Witnesses whose cosignatures this log accepts',
        response: { 200: z.object({ items: z.array(WitnessReply) }) },
      },
    },
    async () => ({ items: await listWitnesses(log.db) }),
  );

  app.post(
    '/v1/audit/witnesses',
    {
      config: { permission: 'audit_log.manage' },
      schema: {
        tags: ['audit log'],
        summary: 'Register a witness by its tlog-cosignature verifier key (staff; audited)',
        body: z.object({ verifierKey: z.string().min(1).max(400) }).strict(),
        response: { 201: WitnessReply },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const result = await registerWitness(log.db, request.body.verifierKey, staff.id);
      if (!result.ok) {
        const code = result.reason === 'duplicate_witness' ? 'duplicate' : 'validation_failed';
        return sendProblem(reply, problem(code, `${result.reason}: ${result.detail ?? ''}`));
      }
      return reply.code(201).send(result.value);
    },
  );

  app.post(
    '/v1/audit/cosignatures',
    {
      config: { public: true },
      schema: {
        tags: ['audit log'],
        summary:
          "A registered witness submits its cosignature line for a checkpoint (no key: it's signed)",
        body: z
          .object({
            treeSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
            cosignature: z.string().min(1).max(400).describe('— <witness name> <base64>'),
          })
          .strict(),
        response: { 201: z.object({ witness: z.string(), timestampSeconds: z.number() }) },
      },
    },
    async (request, reply) => {
      const { treeSize, cosignature } = request.body;
      const result = await submitCosignature(log.db, treeSize, cosignature);
      if (result.ok) return reply.code(201).send(result.value);
      const detail = `${result.reason}${result.detail === undefined ? '' : `: ${result.detail}`}`;
      const code = {
        unknown_checkpoint: 'not_found',
        malformed_cosignature: 'validation_failed',
        unknown_witness: 'unknown_key',
        invalid_cosignature: 'bad_signature',
      } as const;
      return sendProblem(reply, problem(code[result.reason], detail));
    },
  );
}
