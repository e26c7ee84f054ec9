import { apiRequest, withQuery } from '../api/index.js';

/** The screening calls the console makes; shapes as the API returns them. */
export interface ListVersion {
  id: string;
  listKind: string;
  listName: string;
  version: number;
  contentSha256: string;
  entryCount: number;
  nameCount: number;
  sourceDate: string | null;
  licence: string | null;
  importedBy: string;
  importedAt: string;
  current: boolean;
}

export interface TokenPair {
  query: string;
  entry: string;
  score: number;
  kind: string;
}

export interface HitExplanation {
  matchedName: string;
  quality: string;
  nameScore: number;
  pairs: TokenPair[];
  unmatchedQuery: string[];
  unmatchedEntry: string[];
  qualifiers: { kind: string; adjustment: number; detail: string }[];
}

export interface ScreeningHit {
  entryKey: string;
  listKind: string;
  entryName: string;
  entryType: string;
  programmes: string[];
  score: number;
  aboveThreshold?: boolean;
  explanation: HitExplanation;
}

export interface ScreenResult {
  threshold: number;
  tookMicros: number;
  hits: ScreeningHit[];
}

export interface ScreeningReview {
  id: string;
  subjectKind: 'customer' | 'instruction';
  subjectId: string;
  partyKind: string;
  partyId: string;
  entryKey: string;
  entryName: string;
  score: number;
  explanation: ScreeningHit;
  otherHolds: boolean;
  status: 'open' | 'release_proposed' | 'true_match' | 'false_positive';
  proposedBy: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: string;
}

export interface DecisionOutcome {
  review: ScreeningReview;
  instructionReleased: boolean;
  freezeId: string | null;
  stillHeldBecause: string | null;
}

export function listVersions(signal?: AbortSignal): Promise<{ items: ListVersion[] }> {
  return apiRequest('/v1/screening/lists', { signal });
}

export function screenName(body: {
  name: string;
  dob?: string;
  country?: string;
}): Promise<ScreenResult> {
  return apiRequest('/v1/screening/screen', { method: 'POST', body });
}

export function listReviews(
  platformId: string,
  status: string,
  signal?: AbortSignal,
): Promise<{ items: ScreeningReview[] }> {
  const path = withQuery(`/v1/platforms/${encodeURIComponent(platformId)}/screening/reviews`, {
    status: status === 'all' ? null : status,
  });
  return apiRequest(path, { signal });
}

export function decideReview(
  platformId: string,
  reviewId: string,
  decision: 'true_match' | 'false_positive',
  reason: string,
): Promise<DecisionOutcome> {
  return apiRequest(
    `/v1/platforms/${encodeURIComponent(platformId)}/screening/reviews/${encodeURIComponent(reviewId)}/decision`,
    { method: 'POST', body: { decision, reason } },
  );
}
