import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { DateTime, ProblemAlert } from '../components/index.js';
import { fetchCaseEvidence } from './case-endpoints.js';
import type { CaseWorkspace, EvidenceView } from './case-types.js';
import { formatBytes } from './evidence-file.js';
import { AssigneeName } from './principal-name.js';

/** Files attached to the case, with their SHA-256; each downloads as it was attached. */
export function CaseEvidenceList({
  platformId,
  data,
}: {
  platformId: string;
  data: CaseWorkspace;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  if (data.evidence.length === 0) return <p className="muted">{t('cases.evidence.empty')}</p>;
  const download = async (item: EvidenceView) => {
    setProblem(null);
    try {
      const blob = await fetchCaseEvidence(platformId, data.case.id, item.id);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = item.fileName;
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(asApiProblem(error));
    }
  };
  return (
    <>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <ul className="case-evidence-list">
        {data.evidence.map((item) => (
          <li key={item.id} className="card case-evidence-item" data-evidence-id={item.id}>
            <div className="case-evidence-name">
              <button
                type="button"
                className="link-button case-evidence-download"
                onClick={() => void download(item)}
              >
                {item.fileName}
              </button>
              <span className="small muted">
                {item.mediaType} · {formatBytes(item.sizeBytes)}
              </span>
            </div>
            {item.description === null ? null : <p className="small">{item.description}</p>}
            <div className="small muted">
              <AssigneeName principalId={item.addedBy} /> · <DateTime value={item.addedAt} />
            </div>
            <code className="small muted case-sha" title={t('cases.evidence.sha256')}>
              sha256 {item.sha256}
            </code>
          </li>
        ))}
      </ul>
    </>
  );
}
