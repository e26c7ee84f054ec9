import { platformDutyAlert, type AlertInput } from '../cases/alert-input.js';
import type { RulePack } from '../monitor/index.js';
import type { Queryable } from '../store/index.js';

export const PACK_ERROR_RULE_ID = 'monitoring.pack_invalid';

/** The alert of a platform whose stored rules cannot be used: once per platform and UTC day. */
export function packErrorAlert(platformId: string, message: string, nowMs: number): AlertInput {
  return platformDutyAlert({
    alertKey: `monitoring:pack_invalid:${new Date(nowMs).toISOString().slice(0, 10)}`,
    platformId,
    source: 'compliance',
    ruleId: PACK_ERROR_RULE_ID,
    severity: 'critical',
    atMs: nowMs,
    summary:
      `The stored monitoring rules of this platform cannot be used (${message}); ` +
      'monitoring goes on with the rules it ran before. Correct the rules through a new version.',
    values: { error: message.slice(0, 500) },
  });
}

/** Alerts one loader keeps until they are written (one per platform and day is enough). */
const PENDING_ALERTS_MAX = 1_000;

/**
 * Reads platforms' packs for an evaluator. A pack that cannot be read or is not valid (the
 * stored rules were changed outside the approval path, or a newer Custos refuses them) gives
 * null: the caller keeps the rules it runs (the CN pack for a platform not seen yet), this
 * loader counts it and keeps a critical alert for the caller to write with its next position.
 * One platform's pack never stops a feed the others share.
 */
export class PackLoader {
  readonly #db: Queryable;
  readonly #packFor: (db: Queryable, platformId: string) => Promise<RulePack>;
  readonly #alerts: AlertInput[] = [];
  #errors = 0;

  constructor(db: Queryable, packFor: (db: Queryable, platformId: string) => Promise<RulePack>) {
    this.#db = db;
    this.#packFor = packFor;
  }

  get errors(): number {
    return this.#errors;
  }

  async load(platformId: string): Promise<RulePack | null> {
    try {
      return await this.#packFor(this.#db, platformId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#errors += 1;
      process.emitWarning(`monitoring: the rules of ${platformId} cannot be used: ${message}`);
      if (this.#alerts.length < PENDING_ALERTS_MAX)
        this.#alerts.push(packErrorAlert(platformId, message, Date.now()));
      return null;
    }
  }

  /** The alerts not written yet; the caller writes them in its next transaction. */
  takeAlerts(): AlertInput[] {
    return this.#alerts.splice(0);
  }
}
