import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { EmptyRow, ProblemAlert } from '../components/index.js';
import { addOwner, removeOwner } from './reports-endpoints.js';
import { CONTROL_TYPES, type BeneficialOwner } from './reports-types.js';

/** Beneficial owners of an entity customer: who owns or controls it, and who counts as UBO. */
export function OwnersSection(props: {
  platformId: string;
  customerId: string;
  owners: BeneficialOwner[];
  mayWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [percent, setPercent] = useState('');
  const [controlType, setControlType] = useState<string>('ownership');
  const [nationality, setNationality] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
      props.onChanged();
      return true;
    } catch (error) {
      setProblem(asApiProblem(error));
      return false;
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await act(() =>
      addOwner(props.platformId, props.customerId, {
        name: name.trim(),
        ownershipPercent: Number(percent === '' ? '0' : percent),
        controlType,
        nationality: nationality.trim() === '' ? null : nationality.trim().toUpperCase(),
      }),
    );
    if (done) {
      setName('');
      setPercent('');
      setNationality('');
    }
  };
  const total = props.owners.reduce((sum, o) => sum + o.ownershipPercent, 0);
  return (
    <>
      <table className="table" data-testid="owners">
        <thead>
          <tr>
            <th>{t('riskRating.owner.name')}</th>
            <th>{t('riskRating.owner.percent')}</th>
            <th>{t('riskRating.owner.control')}</th>
            <th>{t('riskRating.owner.nationality')}</th>
            <th>{t('riskRating.owner.ubo')}</th>
            {props.mayWrite ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {props.owners.length === 0 ? (
            <EmptyRow columns={props.mayWrite ? 6 : 5} text={t('riskRating.owner.none')} />
          ) : null}
          {props.owners.map((o) => (
            <tr key={o.id} data-owner-id={o.id}>
              <td>{o.name}</td>
              <td className="cell-amount">{o.ownershipPercent.toFixed(2)}%</td>
              <td>{t(`riskRating.control.${o.controlType}`, { defaultValue: o.controlType })}</td>
              <td>{o.nationality ?? '—'}</td>
              <td>{o.isUbo ? t('riskRating.owner.isUbo') : '—'}</td>
              {props.mayWrite ? (
                <td>
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      void act(() => removeOwner(props.platformId, props.customerId, o.id))
                    }
                  >
                    {t('riskRating.owner.remove')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('riskRating.owner.total', { percent: total.toFixed(2) })}</p>
      {props.mayWrite ? (
        <form className="owner-form" onSubmit={submit} data-testid="owner-form">
          <label className="field">
            <span>{t('riskRating.owner.name')}</span>
            <input
              name="ownerName"
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('riskRating.owner.percent')}</span>
            <input
              name="ownerPercent"
              type="number"
              min="0"
              max="100"
              step="0.01"
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('riskRating.owner.control')}</span>
            <select
              name="ownerControl"
              value={controlType}
              onChange={(e) => setControlType(e.target.value)}
            >
              {CONTROL_TYPES.map((c) => (
                <option key={c} value={c}>
                  {t(`riskRating.control.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('riskRating.owner.nationality')}</span>
            <input
              name="ownerNationality"
              maxLength={2}
              size={4}
              value={nationality}
              onChange={(e) => setNationality(e.target.value)}
            />
          </label>
          <button type="submit" className="button button-primary">
            {t('riskRating.owner.add')}
          </button>
        </form>
      ) : null}
      {problem === null ? null : <ProblemAlert problem={problem} />}
    </>
  );
}
