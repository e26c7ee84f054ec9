import { RiskModelSchema, type RiskModel } from './risk-model.js';

/**
 * The built-in model, used by a platform that stored none. Its basis, factor by factor, is
 * in RISK-RATING.md; in short: the AML Law 2024 (Arts. 4, 27, 29, 30) asks for measures that
 * fit the risk but sets no points, so the points below are starting values to be tuned by
 * each platform's compliance function. The FATF lists are as published after the October
 * 2025 plenary and change three times a year (February, June, October): keep them current
 * with `PUT …/risk-model`.
 */
export const DEFAULT_RISK_MODEL: RiskModel = RiskModelSchema.parse({
  name: 'Custos default 2025-10',
  thresholds: { mediumFrom: 30, highFrom: 60 },
  // Legal persons can hide who is behind them (FATF R.24); natural persons start at zero.
  customerType: { person: 0, entity: 10 },
  occupation: {
    points: {
      salaried: 0,
      civil_servant: 0,
      retired: 5,
      student: 10,
      unemployed: 10,
      self_employed: 10,
      farmer: 5,
      // Cash-intensive or hard-to-verify income.
      cash_intensive_business: 20,
      precious_metals_dealer: 25,
    },
    unknownPoints: 10,
  },
  industry: {
    points: {
      manufacturing: 0,
      retail: 5,
      technology: 0,
      real_estate: 15,
      construction: 10,
      import_export: 15,
      money_services: 25,
      virtual_assets: 30,
      precious_metals: 25,
      gaming: 30,
      non_profit: 15,
      shell_or_holding: 25,
    },
    unknownPoints: 10,
  },
  geography: {
    homeCountry: 'CN',
    // FATF "high-risk jurisdictions subject to a call for action", October 2025.
    callForAction: ['KP', 'IR', 'MM'],
    // FATF "jurisdictions under increased monitoring" (grey list) after October 2025, as
    // recalled; check against fatf-gafi.org before relying on it.
    increasedMonitoring: [
      'DZ',
      'AO',
      'BO',
      'BG',
      'CM',
      'CI',
      'CD',
      'HT',
      'KE',
      'LA',
      'LB',
      'MC',
      'NA',
      'NP',
      'SS',
      'SY',
      'VE',
      'VN',
      'VG',
      'YE',
    ],
    callForActionPoints: 60,
    increasedMonitoringPoints: 30,
    foreignPoints: 10,
    unknownPoints: 10,
  },
  products: {
    points: {
      lending_investor: 5,
      lending_borrower: 10,
      payments: 10,
      wealth_management: 10,
      cross_border_transfer: 25,
      cash_services: 20,
    },
    unlistedPoints: 10,
  },
  // Non-face-to-face business (all internet platforms) and devices shared between customers
  // (Anti-Telecom-Fraud Law Art. 18; CN rule 17).
  channel: { remotePoints: 5, sharedDevicePoints: 20 },
  pep: { domestic: 30, foreign: 60, international_org: 30, associate: 25 },
  sanctions: { not_screened: 5, potential_match: 40, confirmed_match: 100 },
  behaviour: {
    lookbackDays: 365,
    alertPoints: 3,
    alertPointsMax: 15,
    casePoints: 5,
    casePointsMax: 20,
    strPoints: 30,
    strPointsMax: 60,
  },
  ownership: { ownersUnknownPoints: 15 },
  floors: {
    callForActionCountry: 'high',
    foreignPep: 'high',
    otherPep: 'medium',
    potentialSanctionsMatch: 'medium',
    confirmedSanctionsMatch: 'high',
    strFiled: 'medium',
  },
  // Review every 1, 2 and 3 years: common supervisory practice; the PRC texts require
  // ongoing due diligence (AML Law Art. 30) without a period.
  reviewMonths: { low: 36, medium: 24, high: 12 },
  edd: {
    low: [],
    medium: ['identity_reverified', 'purpose_of_relationship'],
    high: [
      'identity_reverified',
      'purpose_of_relationship',
      'source_of_funds',
      'source_of_wealth',
      'beneficial_owners_verified',
      'senior_management_approval',
      'enhanced_monitoring',
    ],
  },
});
