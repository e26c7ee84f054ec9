export { LANGUAGES, isLanguage } from './language.js';
export type { Language } from './language.js';
export { changeLanguage, currentLanguage, setupI18n } from './setup-i18n.js';
