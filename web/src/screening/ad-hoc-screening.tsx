import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { EmptyRow, ProblemAlert, Section } from '../components/index.js';
import { HitExplanationView } from './hit-explanation.js';
import { screenName, type ScreenResult } from './screening-endpoints.js';

/** A name (with date of birth and country, if known) screened against the current lists. */
export function AdHocScreening() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [dob, setDob] = useState('');
  const [country, setCountry] = useState('');
  const [result, setResult] = useState<ScreenResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setResult(
        await screenName({
          name,
          ...(dob === '' ? {} : { dob }),
          ...(country === '' ? {} : { country }),
        }),
      );
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('screening.adHoc.title')} testId="screening-ad-hoc">
      <form className="filters" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span>{t('screening.adHoc.name')}</span>
          <input
            name="screenName"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('screening.adHoc.dob')}</span>
          <input
            name="screenDob"
            placeholder="YYYY-MM-DD"
            value={dob}
            onChange={(e) => setDob(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('screening.adHoc.country')}</span>
          <input
            name="screenCountry"
            placeholder="CN"
            value={country}
            onChange={(e) => setCountry(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || name.trim() === ''}
        >
          {t('screening.adHoc.submit')}
        </button>
      </form>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      {result === null ? null : (
        <table className="table" data-testid="screening-hits">
          <thead>
            <tr>
              <th>{t('screening.col.score')}</th>
              <th>{t('screening.col.list')}</th>
              <th>{t('screening.col.entry')}</th>
              <th>{t('screening.col.explanation')}</th>
            </tr>
          </thead>
          <tbody>
            {result.hits.length === 0 ? (
              <EmptyRow columns={4} text={t('screening.adHoc.none')} />
            ) : null}
            {result.hits.map((hit) => (
              <tr
                key={hit.entryKey}
                className={hit.aboveThreshold === true ? 'screening-hit-strong' : undefined}
              >
                <td>
                  <strong>{hit.score.toFixed(3)}</strong>
                  {hit.aboveThreshold === true ? (
                    <div className="badge">{t('screening.aboveThreshold')}</div>
                  ) : null}
                </td>
                <td>{hit.listKind.toUpperCase()}</td>
                <td>
                  <div>{hit.entryName}</div>
                  <div className="muted">
                    {hit.entryKey} · {hit.programmes.join(', ')}
                  </div>
                </td>
                <td>
                  <HitExplanationView explanation={hit.explanation} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
