import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { checkProofText, type ProofCheck } from './proof-check.js';
import './pol.css';

/**
 * Verify a customer's proof in the browser: paste or upload the JSON, optionally give the
 * root published in the audit log or on the transparency page. Nothing is sent to the server.
 */
export function PolVerifyPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [root, setRoot] = useState('');
  const [result, setResult] = useState<ProofCheck | null>(null);
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setText(await file.text());
    setResult(null);
  };
  return (
    <>
      <PageHeader title={t('pol.verify.title')} subtitle={t('pol.verify.subtitle')} />
      <form
        className="card pol-verify-form"
        onSubmit={(event) => {
          event.preventDefault();
          setResult(checkProofText(text, root));
        }}
      >
        <label className="field">
          <span>{t('pol.verify.file')}</span>
          <input
            type="file"
            accept="application/json,.json"
            name="file"
            onChange={(event) => void upload(event)}
          />
        </label>
        <label className="field">
          <span>{t('pol.verify.paste')}</span>
          <textarea
            name="proof"
            rows={10}
            spellCheck={false}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setResult(null);
            }}
          />
        </label>
        <label className="field">
          <span>{t('pol.verify.expectedRoot')}</span>
          <input
            name="root"
            value={root}
            spellCheck={false}
            onChange={(event) => setRoot(event.target.value)}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={text.trim() === ''}>
          {t('pol.verify.check')}
        </button>
      </form>
      {result === null ? null : <VerifyResult result={result} />}
    </>
  );
}

function VerifyResult({ result }: { result: ProofCheck }) {
  const { t } = useTranslation();
  if (!result.ok)
    return (
      <div
        className="pol-result pol-result-failed"
        role="alert"
        data-testid="pol-verify-result"
        data-ok="false"
      >
        <strong>{t('pol.verify.failed', { step: t(`pol.verify.step.${result.step}`) })}</strong>
        <p>{result.message}</p>
      </div>
    );
  return (
    <div
      className="pol-result pol-result-ok"
      role="status"
      data-testid="pol-verify-result"
      data-ok="true"
    >
      <strong>{t('pol.verify.ok')}</strong>
      <dl className="facts">
        <div className="fact">
          <dt>{t('pol.customer')}</dt>
          <dd>{result.customerId}</dd>
        </div>
        <div className="fact">
          <dt>{t('pol.balanceMinor')}</dt>
          <dd>
            {result.balanceMinor.toString()} {result.currency}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('pol.date')}</dt>
          <dd>{result.date}</dd>
        </div>
        <div className="fact">
          <dt>{t('pol.rootHash')}</dt>
          <dd>
            <code className="pol-hash">{result.rootHash}</code>
          </dd>
        </div>
      </dl>
    </div>
  );
}
