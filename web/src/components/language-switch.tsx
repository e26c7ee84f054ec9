import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage, currentLanguage, isLanguage } from '../i18n/index.js';

/** English / 简体中文; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        name="language"
        value={currentLanguage()}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
