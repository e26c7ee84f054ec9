import type { Queryable } from '../store/index.js';
import { POL_TRANSPARENCY_CACHE_ENTRIES_MAX, POL_TRANSPARENCY_CACHE_MS } from './pol-limits.js';
import { transparencyReport, type TransparencyReport } from './pol-transparency.js';

interface Entry {
  newestTree: string | null;
  expiresAtMs: number;
  report: TransparencyReport;
}

/**
 * The public transparency report served from memory: one entry per platform, reused while
 * the platform's newest tree is the same and for at most `ttlMs`, so unauthenticated callers
 * cost one indexed lookup instead of scans of the books. At most `maxEntries` platforms are
 * kept; the oldest entry makes room.
 */
export function createTransparencyCache(
  options: { ttlMs?: number; maxEntries?: number } = {},
): (db: Queryable, platformId: string, nowMs: number) => Promise<TransparencyReport | undefined> {
  const ttlMs = options.ttlMs ?? POL_TRANSPARENCY_CACHE_MS;
  const maxEntries = options.maxEntries ?? POL_TRANSPARENCY_CACHE_ENTRIES_MAX;
  const entries = new Map<string, Entry>();
  return async (db, platformId, nowMs) => {
    const [newest] = await db.query(
      `SELECT id FROM pol_trees WHERE platform_id = $1
       ORDER BY built_at DESC, id DESC LIMIT 1`,
      [platformId],
    );
    const newestTree = newest === undefined ? null : String(newest.id);
    const cached = entries.get(platformId);
    if (cached !== undefined && cached.newestTree === newestTree && nowMs < cached.expiresAtMs)
      return cached.report;
    const report = await transparencyReport(db, platformId, nowMs);
    entries.delete(platformId);
    if (report === undefined) return undefined;
    if (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done !== true) entries.delete(oldest.value);
    }
    entries.set(platformId, { newestTree, expiresAtMs: nowMs + ttlMs, report });
    return report;
  };
}
