import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_TYPES, type AccountFilter } from '../api/index.js';
import { setSearchParam } from '../router/index.js';

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Type and currency filters, kept in the URL so a filtered list can be bookmarked. */
export function AccountsFilterBar({ filter }: { filter: AccountFilter }) {
  const { t } = useTranslation();
  const [currency, setCurrency] = useState(filter.currency);
  const submitCurrency = (event: FormEvent) => {
    event.preventDefault();
    const code = currency.trim().toUpperCase();
    if (code === '' || CURRENCY_PATTERN.test(code)) setSearchParam('currency', code);
  };
  return (
    <form className="filters" onSubmit={submitCurrency} role="search">
      <label className="field field-inline">
        <span>{t('accounts.type')}</span>
        <select
          name="type"
          value={filter.type}
          onChange={(event) => setSearchParam('type', event.target.value)}
        >
          <option value="">{t('common.all')}</option>
          {ACCOUNT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`accountType.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>{t('accounts.currency')}</span>
        <input
          name="currency"
          value={currency}
          maxLength={3}
          size={5}
          placeholder="CNY"
          pattern="[A-Za-z]{3}"
          onChange={(event) => setCurrency(event.target.value)}
        />
      </label>
      <button type="submit" className="button button-small">
        {t('common.apply')}
      </button>
    </form>
  );
}
