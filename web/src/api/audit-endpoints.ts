import { apiRequest, withQuery } from './api-client.js';
import type {
  AuditCheckpoint,
  AuditEntries,
  AuditEntry,
  AuditInclusionProof,
  AuditWitness,
} from './audit-types.js';

/** The audit log's calls. Proofs and the checkpoint need no key; entries and records do. */

export function getAuditCheckpoint(signal?: AbortSignal): Promise<AuditCheckpoint> {
  return apiRequest('/v1/audit/checkpoint', { signal });
}

/** Signs a checkpoint over every committed record now (staff only). */
export function issueAuditCheckpoint(): Promise<AuditCheckpoint> {
  return apiRequest('/v1/audit/checkpoint', { method: 'POST' });
}

export function listAuditWitnesses(signal?: AbortSignal): Promise<{ items: AuditWitness[] }> {
  return apiRequest('/v1/audit/witnesses', { signal });
}

/** Leaves [start, end); the server allows at most 1,000 per read. */
export function listAuditEntries(
  start: number,
  end: number,
  signal?: AbortSignal,
): Promise<AuditEntries> {
  return apiRequest(withQuery('/v1/audit/entries', { start, end }), { signal });
}

export function getAuditRecord(seq: string, signal?: AbortSignal): Promise<AuditEntry> {
  return apiRequest(`/v1/audit/records/${encodeURIComponent(seq)}`, { signal });
}

export function getAuditInclusionProof(
  index: number,
  treeSize: number,
  signal?: AbortSignal,
): Promise<AuditInclusionProof> {
  return apiRequest(withQuery('/v1/audit/proof/inclusion', { index, treeSize }), { signal });
}
