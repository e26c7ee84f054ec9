import { cnRulePack, MonitoringEngine } from '../monitor/index.js';
import type { EvaluationEngine } from './engine-port.js';

/** The real monitoring engine with the CN rule pack, seen through the evaluation's port. */
export function createCnEvaluationEngine(): EvaluationEngine {
  const engine = new MonitoringEngine(cnRulePack());
  return {
    upsertProfile: (profile) => engine.upsertProfile(profile),
    setCustodyBalance: (platformId, currency, balanceMinor) =>
      engine.setCustodyBalance(platformId, currency, balanceMinor),
    observe: (event) =>
      engine.observe(event).map((alert) => ({
        customerId: alert.customerId,
        ruleId: alert.ruleId,
        atMs: alert.atMs,
      })),
  };
}
