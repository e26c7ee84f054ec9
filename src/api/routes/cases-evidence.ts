import { z } from 'zod';
import { addEvidence, EVIDENCE_BYTES_MAX, readEvidence } from '../../cases/index.js';
import { requirePlatform, requireStaff } from '../context.js';
import { IdSchema } from '../schemas.js';
import { CaseParams, sendCaseProblem, type App, type Db } from './cases-schemas.js';

// Base64 inflates by 4/3; the JSON envelope adds a little.
const EVIDENCE_BODY_BYTES_MAX = Math.ceil((EVIDENCE_BYTES_MAX * 4) / 3) + 16_384;

function isPlainFileName(name: string): boolean {
  for (const character of name) {
    const code = character.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || character === '/' || character === '\\') return false;
  }
  return name !== '.' && name !== '..';
}

/** Evidence files attached to a case: upload and download. */
export function registerCaseEvidenceRoutes(app: App, db: Db): void {
  app.post(
    '/v1/platforms/:platformId/cases/:caseId/evidence',
    {
      bodyLimit: EVIDENCE_BODY_BYTES_MAX,
      config: { permission: 'cases.work' },
      schema: {
        tags: ['cases'],
        summary:
          'Attach an evidence file (base64; checked by its first bytes, hashed with SHA-256)',
        params: CaseParams,
        body: z
          .object({
            fileName: z
              .string()
              .min(1)
              .max(200)
              .refine(isPlainFileName, 'a plain file name: no path, no control characters'),
            contentBase64: z.string().min(1).max(EVIDENCE_BODY_BYTES_MAX),
            description: z.string().max(1_000).optional(),
          })
          .strict(),
        response: {
          201: z.object({
            id: z.string(),
            fileName: z.string(),
            mediaType: z.string(),
            sizeBytes: z.number(),
            sha256: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, reply);
      if (staff === null) return reply;
      const { fileName, contentBase64, description } = request.body;
      const added = await addEvidence(db, staff, request.params.platformId, request.params.caseId, {
        fileName,
        content: Buffer.from(contentBase64, 'base64'),
        ...(description === undefined ? {} : { description }),
      });
      if (!added.ok) return sendCaseProblem(reply, added.error);
      const { id, mediaType, sizeBytes, sha256 } = added.value;
      return reply.code(201).send({ id, fileName, mediaType, sizeBytes, sha256 });
    },
  );

  app.get(
    '/v1/platforms/:platformId/cases/:caseId/evidence/:evidenceId',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags: ['cases'],
        summary: 'Download an evidence file as it was attached',
        params: CaseParams.extend({ evidenceId: IdSchema }),
      },
    },
    async (request, reply) => {
      if (requirePlatform(request, reply, request.params.platformId) === null) return reply;
      const { platformId, caseId, evidenceId } = request.params;
      const found = await readEvidence(db, platformId, caseId, evidenceId);
      if (!found.ok) return sendCaseProblem(reply, found.error);
      return reply
        .type(found.value.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${encodeURIComponent(found.value.fileName)}"`,
        )
        .header('x-content-sha256', found.value.sha256)
        .send(found.value.content);
    },
  );
}
