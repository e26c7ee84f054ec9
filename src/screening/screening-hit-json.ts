import type { ScreeningHit } from './matching/screening-index.js';

/** A hit as stored and returned: the list side in full, the party's own tokens masked. */
export interface StoredHit {
  entryKey: string;
  listKind: string;
  listName: string;
  listVersionId: string;
  entryType: string;
  entryName: string;
  reference: string;
  programmes: string[];
  score: number;
  explanation: ScreeningHit['explanation'];
}

/** "jinping" → "j******": enough for a reviewer to follow the pairs, not to read the name. */
export function maskToken(token: string): string {
  return token.length <= 1 ? token : token[0] + '*'.repeat(Math.min(token.length - 1, 8));
}

export function hitJson(hit: ScreeningHit, maskParty: boolean): StoredHit {
  const mask = maskParty ? maskToken : (t: string) => t;
  const e = hit.explanation;
  return {
    entryKey: hit.entry.entryKey,
    listKind: hit.entry.listKind,
    listName: hit.entry.listName,
    listVersionId: hit.entry.listVersionId,
    entryType: hit.entry.entryType,
    entryName: e.matchedName,
    reference: hit.entry.reference,
    programmes: hit.entry.programmes,
    score: Math.round(hit.score * 10_000) / 10_000,
    explanation: {
      ...e,
      nameScore: Math.round(e.nameScore * 10_000) / 10_000,
      pairs: e.pairs.map((p) => ({
        ...p,
        query: mask(p.query),
        score: Math.round(p.score * 10_000) / 10_000,
      })),
      unmatchedQuery: e.unmatchedQuery.map(mask),
    },
  };
}
