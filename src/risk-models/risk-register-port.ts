import type { Queryable } from '../store/index.js';
import type { LossEvent } from './fit-risk-model.js';

/**
 * What the risk models need from the risk register, in one place: that a risk exists, and
 * its loss events. Tests and tools may pass their own.
 */
export interface RiskRegisterPort {
  findRisk(
    db: Queryable,
    platformId: string,
    riskId: string,
  ): Promise<{ id: string; code: string; title: string } | null>;
  lossEvents(db: Queryable, platformId: string, riskId: string): Promise<LossEvent[]>;
}
