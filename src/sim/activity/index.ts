export { simulateActivity, toMonitoredEvent } from './simulate-activity.js';
export type { SimulationOptions } from './sim-options.js';
export {
  DEFAULT_WINDOW_START_MS,
  resolveSimulationOptions,
  SIM_CUSTOMERS_MAX,
  SIM_DAYS_MAX,
  SIM_HISTORY_DAYS_MAX,
  SIM_PLANT_RATE_MAX,
} from './sim-options.js';
export type {
  SimEventRecord,
  SimHeaderRecord,
  SimInstanceRecord,
  SimRecord,
} from './sim-records.js';
export { isTypologyId, TYPOLOGIES, TYPOLOGY_IDS, typologyScope } from './typologies.js';
export type { TypologyId } from './typologies.js';
export { parseSimRecordLine, simRecordToLine } from './sim-jsonl.js';
export { writeSimulation } from './write-simulation.js';
export type { WriteSimulationResult } from './write-simulation.js';
export { Prng } from './prng.js';
