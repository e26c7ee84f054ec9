import { findRisk, lossEventsForRisk } from '../risk-register/index.js';
import type { RiskRegisterPort } from './risk-register-port.js';

/** The risk register behind the port: the only file of this module that imports it. */
export const riskRegisterPort: RiskRegisterPort = {
  async findRisk(db, platformId, riskId) {
    const risk = await findRisk(db, platformId, riskId);
    return risk === null ? null : { id: risk.id, code: risk.code, title: risk.title };
  },
  lossEvents: (db, platformId, riskId) => lossEventsForRisk(db, platformId, riskId),
};
