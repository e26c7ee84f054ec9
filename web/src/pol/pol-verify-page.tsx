import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/index.js';
import { getTransparencyReport, listPolRoots } from './pol-endpoints.js';
import type { PolRoot, TransparencyReport } from './pol-types.js';
import {
  checkProofText,
  parseProofText,
  proofIdentity,
  publishedRootFor,
  type ProofCheck,
} from './proof-check.js';
import './pol.css';

/** Where the root a proof was checked against came from. */
type RootSource = 'typed' | 'published' | 'none';

/**
 * The root published for the proof's tree: the platform's roots list when the signed-in user
 * may read it, else the public transparency report (newest tree of each currency only).
 */
async function lookUpPublishedRoot(text: string): Promise<string | null> {
  const parsed = parseProofText(text);
  if (!('document' in parsed)) return null;
  const identity = proofIdentity(parsed.document);
  if (identity === null) return null;
  const roots: PolRoot[] = await listPolRoots(identity.platformId, identity.currency)
    .then((body) => body.roots)
    .catch(() => []);
  const report: TransparencyReport | null = await getTransparencyReport(identity.platformId).catch(
    () => null,
  );
  return publishedRootFor(identity, roots, report);
}

/**
 * Verify a customer's proof in the browser: paste or upload the JSON. The root it must lead
 * to is the one typed in, or else the one published for the proof's platform, currency and
 * date (fetched from this server); the proof itself is never sent. Without a published root
 * the page warns that the proof was only checked against itself.
 */
export function PolVerifyPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [root, setRoot] = useState('');
  const [result, setResult] = useState<ProofCheck | null>(null);
  const [source, setSource] = useState<RootSource>('none');
  const [checking, setChecking] = useState(false);
  const check = async () => {
    setChecking(true);
    try {
      const typed = root.trim();
      const published = typed === '' ? await lookUpPublishedRoot(text) : null;
      setSource(typed !== '' ? 'typed' : published !== null ? 'published' : 'none');
      setResult(checkProofText(text, typed !== '' ? typed : (published ?? '')));
    } finally {
      setChecking(false);
    }
  };
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
          void check();
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
        <button
          type="submit"
          className="button button-primary"
          disabled={text.trim() === '' || checking}
        >
          {t('pol.verify.check')}
        </button>
      </form>
      {result === null ? null : <VerifyResult result={result} source={source} />}
    </>
  );
}

function VerifyResult({ result, source }: { result: ProofCheck; source: RootSource }) {
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
  const anchored = result.anchored;
  return (
    <div
      className={anchored ? 'pol-result pol-result-ok' : 'pol-result pol-result-unanchored'}
      role={anchored ? 'status' : 'alert'}
      data-testid="pol-verify-result"
      data-ok={anchored ? 'true' : 'unanchored'}
    >
      <strong>{anchored ? t('pol.verify.ok') : t('pol.verify.notChecked')}</strong>
      <p>
        {anchored
          ? t(source === 'published' ? 'pol.verify.rootPublished' : 'pol.verify.rootTyped')
          : t('pol.verify.notCheckedExplain')}
      </p>
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
