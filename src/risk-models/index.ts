export { RISK_MODEL_LIMITS } from './risk-model-limits.js';
export type { FrequencyModel, ModelSource, RiskModel, SeverityModel } from './risk-model-types.js';
export {
  FrequencyModelSchema,
  ModelParametersSchema,
  SeverityModelSchema,
} from './risk-model-schema.js';
export { compoundMoments, portfolioMoments } from './compound-moments.js';
export { fitRiskModel } from './fit-risk-model.js';
export type { FitOutcome, LossEvent, SeverityChoice } from './fit-risk-model.js';
export { lossStatistics, tailFigure } from './loss-statistics.js';
export type { LossStatistics } from './loss-statistics.js';
export { simulateAggregateLoss, validateSimulationSize } from './monte-carlo-runner.js';
export { ROUNDING_NOTE } from './monte-carlo-report.js';
export type { MonteCarloFigures } from './monte-carlo-report.js';
export { runMonteCarlo, TAIL_LEVELS } from './monte-carlo-service.js';
export type { MonteCarloRequest, MonteCarloRun } from './monte-carlo-service.js';
export { findMonteCarloRun, listMonteCarloRuns } from './monte-carlo-run-store.js';
export type { MonteCarloRunSummary } from './monte-carlo-run-store.js';
export { SEED_MAX } from './prng.js';
export {
  fitAndStoreModel,
  findRiskModel,
  listRiskModels,
  setExpertModel,
} from './risk-model-store.js';
export type { FitOptions, ModelParameters, RiskModelView } from './risk-model-store.js';
export type { RiskRegisterPort } from './risk-register-port.js';
export { riskRegisterPort } from './risk-register-adapter.js';
export { bookCurrencies, liquidityPosition, reserveBalances } from './books-position.js';
export { BUILTIN_SCENARIOS } from './stress/builtin-scenarios.js';
export { runLiquidityStress } from './stress/liquidity-stress.js';
export { StressScenarioSchema, StressShockSchema } from './stress/stress-scenario-schema.js';
export type { LiquidityResultJson } from './stress/stress-result-json.js';
export {
  deleteStressScenario,
  findStressScenario,
  listStressScenarios,
  saveStressScenario,
} from './stress/stress-store.js';
export type { StressScenarioView } from './stress/stress-store.js';
export { findStressRun, listStressRuns, runStressScenario } from './stress/stress-run-service.js';
export type { StressRun, StressRunSummary } from './stress/stress-run-service.js';
export {
  addLiquidityFlows,
  deleteLiquidityFlow,
  listLiquidityFlows,
} from './stress/liquidity-flow-store.js';
export type { LiquidityFlow, NewLiquidityFlow } from './stress/liquidity-flow-store.js';
export type {
  LiquidityPosition,
  LiquidityResult,
  StressScenario,
  StressShock,
} from './stress/stress-types.js';
