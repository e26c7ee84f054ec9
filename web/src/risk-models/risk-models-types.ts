/** The shapes the risk-model routes answer with (src/risk-models/risk-model-api-schemas.ts). */
export interface TailFigure {
  level: number;
  valueAtRiskMinor: string;
  expectedShortfallMinor: string;
}

export interface MonteCarloFigures {
  trials: number;
  expectedLossMinor: string;
  standardDeviationMinor: string;
  standardErrorMinor: string;
  minimumMinor: string;
  maximumMinor: string;
  tail: TailFigure[];
  reserveExceedance: { reserveMinor: string; probability: number; standardError: number } | null;
  histogram: {
    bins: { fromMinor: string; toMinor: string; count: number }[];
    overflowFromMinor: string;
    overflowCount: number;
  };
  convergence: { trials: number; meanMinor: string; standardErrorMinor: string }[];
  closedForm: { meanMinor: string; standardDeviationMinor: string } | null;
  risks: {
    riskId: string;
    riskCode: string | null;
    riskTitle: string | null;
    meanLossMinor: string;
    closedFormMeanMinor: string | null;
  }[];
  rounding: string;
}

export interface MonteCarloRun {
  id: string;
  currency: string;
  trials: number;
  seed: number;
  elapsedMs: number;
  figures: MonteCarloFigures;
  createdBy: string;
  createdAt: string;
}

export interface MonteCarloRunSummary {
  id: string;
  currency: string;
  trials: number;
  seed: number;
  risks: number;
  expectedLossMinor: string;
  var99Minor: string;
  var999Minor: string;
  reserveExceedanceProbability: number | null;
  createdAt: string;
}

export interface RiskModelView {
  riskId: string;
  riskCode: string | null;
  riskTitle: string | null;
  currency: string;
  model: {
    frequency: { kind: string; meanPerYear: number; size?: number };
    severity: { kind: string; mu?: number; sigma?: number; scaleMinor?: number; alpha?: number };
    perEventCapMinor: number | null;
  };
  frequencySource: 'expert' | 'fitted';
  severitySource: 'expert' | 'fitted';
}

export interface StressScenarioView {
  id: string;
  name: string;
  description: string;
  horizonDays: number;
  builtIn: boolean;
  shocks: { kind: string }[];
}

export interface LiquidityDay {
  day: number;
  date: string;
  cashMinor: string;
  reserveMinor: string;
  withdrawalsMinor: string;
  shortfallMinor: string;
}

export interface LiquidityResult {
  currency: string;
  asOf: string;
  horizonDays: number;
  startCashMinor: string;
  liabilitiesMinor: string;
  survivalDays: number | null;
  maxShortfallMinor: string;
  reserveExhaustedDay: number | null;
  uncoveredDefaultsMinor: string;
  totalWithdrawalsMinor: string;
  path: LiquidityDay[];
}

export interface StressRun {
  id: string;
  scenarioRef: string;
  scenario: { name: string; description: string; horizonDays: number };
  asOf: string;
  survives: boolean;
  results: LiquidityResult[];
  createdAt: string;
}

export interface StressRunSummary {
  id: string;
  scenarioRef: string;
  scenarioName: string;
  asOf: string;
  survives: boolean;
  currencies: { currency: string; survivalDays: number | null; maxShortfallMinor: string }[];
  createdAt: string;
}
