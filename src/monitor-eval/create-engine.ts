import { cnRulePack, MonitoringEngine, type MonitoringAlert } from '../monitor/index.js';
import type { EvaluationAlert, EvaluationEngine } from './engine-port.js';

/** The real monitoring engine with the CN rule pack, seen through the evaluation's port. */
export function createCnEvaluationEngine(): EvaluationEngine {
  const engine = new MonitoringEngine(cnRulePack());
  const brief = (alert: MonitoringAlert): EvaluationAlert => ({
    customerId: alert.customerId,
    ruleId: alert.ruleId,
    atMs: alert.atMs,
  });
  return {
    upsertProfile: (profile) => engine.upsertProfile(profile).map(brief),
    setCustodyBalance: (platformId, currency, balanceMinor) =>
      engine.setCustodyBalance(platformId, currency, balanceMinor),
    observe: (event) => engine.observe(event).map(brief),
  };
}
