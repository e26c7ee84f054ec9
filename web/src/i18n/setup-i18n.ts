import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCases from './en.cases.json' with { type: 'json' };
import enCompliance from './en.compliance.json' with { type: 'json' };
import zhCNCompliance from './zh-CN.compliance.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import enMonitoring from './en.monitoring.json' with { type: 'json' };
import enPol from './en.pol.json' with { type: 'json' };
import zhCNPol from './zh-CN.pol.json' with { type: 'json' };
import enRiskModels from './en.risk-models.json' with { type: 'json' };
import zhCNCases from './zh-CN.cases.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };
import zhCNMonitoring from './zh-CN.monitoring.json' with { type: 'json' };
import zhCNRiskModels from './zh-CN.risk-models.json' with { type: 'json' };
import enRisk from './en.risk.json' with { type: 'json' };
import enComplaints from './en.complaints.json' with { type: 'json' };
import zhCNComplaints from './zh-CN.complaints.json' with { type: 'json' };
import zhCNRisk from './zh-CN.risk.json' with { type: 'json' };
import enReports from './en.reports.json' with { type: 'json' };
import zhCNReports from './zh-CN.reports.json' with { type: 'json' };
import enPortal from './en.portal.json' with { type: 'json' };
import enScreening from './en.screening.json' with { type: 'json' };
import zhCNScreening from './zh-CN.screening.json' with { type: 'json' };
import zhCNPortal from './zh-CN.portal.json' with { type: 'json' };
import enPortalSelfService from './en.portal-self-service.json' with { type: 'json' };
import zhCNPortalSelfService from './zh-CN.portal-self-service.json' with { type: 'json' };
import { initialLanguage, isLanguage, storeLanguage, type Language } from './language.js';

/** Each console area keeps its strings in its own file; top-level keys must not collide. */
export const CATALOGUES = {
  en: {
    ...en,
    ...enMonitoring,
    ...enCases,
    ...enRiskModels,
    ...enPol,
    ...enCompliance,
    ...enRisk,
    ...enComplaints,
    ...enReports,
    ...enPortal,
    ...enScreening,
    ...enPortalSelfService,
  },
  'zh-CN': {
    ...zhCN,
    ...zhCNMonitoring,
    ...zhCNCases,
    ...zhCNRiskModels,
    ...zhCNPol,
    ...zhCNCompliance,
    ...zhCNRisk,
    ...zhCNComplaints,
    ...zhCNReports,
    ...zhCNPortal,
    ...zhCNScreening,
    ...zhCNPortalSelfService,
  },
} as const;

/**
 * Starts i18next with both catalogues bundled (they are small), so switching language never
 * waits on the network. React escapes output itself, hence escapeValue: false.
 */
export async function setupI18n(): Promise<void> {
  const language = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: {
      en: { translation: CATALOGUES.en },
      'zh-CN': { translation: CATALOGUES['zh-CN'] },
    },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
    document.title = i18next.t('app.documentTitle');
  });
  document.title = i18next.t('app.documentTitle');
}

export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(language) ? language : 'en';
}
