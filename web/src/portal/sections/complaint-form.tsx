import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_LIMITS } from '../../../../src/complaints/complaint-limits.js';
import { asApiProblem, type ApiProblem } from '../../api/index.js';
import { lodgeComplaint } from './self-service-api.js';
import { SelfServiceProblem } from './self-service-problem.js';
import {
  COMPLAINT_CATEGORIES,
  type ComplaintCategory,
  type LodgedComplaint,
} from './self-service-types.js';

interface Attachment {
  fileName: string;
  contentBase64: string;
}

/** Reads a file as base64, refusing one over the API's attachment limit before uploading. */
async function readAttachment(file: File): Promise<Attachment | 'too_large'> {
  if (file.size > COMPLAINT_LIMITS.attachmentBytesMax) return 'too_large';
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return { fileName: file.name, contentBase64: btoa(binary) };
}

/** Lodges a complaint: category, subject, description, the freeze objected to, one file. */
export function ComplaintForm({ onLodged }: { onLodged: (lodged: LodgedComplaint) => void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<ComplaintCategory>('unauthorized_transaction');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [freezeId, setFreezeId] = useState('');
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [fileTooLarge, setFileTooLarge] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Bumped after a lodgement so the file input (uncontrolled) starts empty again. */
  const [fileInputKey, setFileInputKey] = useState(0);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const objection = category === 'restriction_objection';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const lodged = await lodgeComplaint({
        category,
        subject: subject.trim(),
        description: description.trim(),
        ...(objection ? { freezeId: freezeId.trim() } : {}),
        ...(attachment === null ? {} : { attachments: [attachment] }),
      });
      setSubject('');
      setDescription('');
      setFreezeId('');
      setAttachment(null);
      setFileInputKey((key) => key + 1);
      onLodged(lodged);
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="portal-card portal-self-form" onSubmit={(event) => void submit(event)}>
      <h2>{t('portalSelfService.complaints.newTitle')}</h2>
      <label className="field">
        <span>{t('portalSelfService.complaints.category')}</span>
        <select
          name="category"
          value={category}
          onChange={(event) => setCategory(event.target.value as ComplaintCategory)}
        >
          {COMPLAINT_CATEGORIES.map((value) => (
            <option key={value} value={value}>
              {t(`portalSelfService.complaints.categories.${value}`)}
            </option>
          ))}
        </select>
      </label>
      {objection ? (
        <label className="field">
          <span>{t('portalSelfService.complaints.freezeId')}</span>
          <input
            name="freezeId"
            required
            value={freezeId}
            spellCheck={false}
            onChange={(event) => setFreezeId(event.target.value)}
          />
          <small className="muted">{t('portalSelfService.complaints.freezeHint')}</small>
        </label>
      ) : null}
      <label className="field">
        <span>{t('portalSelfService.complaints.subject')}</span>
        <input
          name="subject"
          required
          maxLength={COMPLAINT_LIMITS.subjectLengthMax}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('portalSelfService.complaints.description')}</span>
        <textarea
          name="description"
          required
          rows={5}
          maxLength={COMPLAINT_LIMITS.descriptionLengthMax}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      <label className="field">
        <span>
          {t('portalSelfService.complaints.attachment', {
            kib: Math.floor(COMPLAINT_LIMITS.attachmentBytesMax / 1024),
          })}
        </span>
        <input
          key={fileInputKey}
          type="file"
          name="attachment"
          accept=".pdf,.png,.jpg,.jpeg,.txt"
          onChange={(event) => {
            const file = event.target.files?.[0];
            setFileTooLarge(false);
            setAttachment(null);
            if (file === undefined) return;
            void readAttachment(file).then((read) => {
              if (read === 'too_large') {
                setFileTooLarge(true);
                event.target.value = '';
              } else setAttachment(read);
            });
          }}
        />
      </label>
      {fileTooLarge ? (
        <p className="portal-self-hint" role="alert" data-testid="portal-attachment-too-large">
          {t('portalSelfService.complaints.fileTooLarge', {
            kib: Math.floor(COMPLAINT_LIMITS.attachmentBytesMax / 1024),
          })}
        </p>
      ) : null}
      {problem === null ? null : <SelfServiceProblem problem={problem} />}
      <button
        type="submit"
        className="button button-primary"
        data-testid="portal-complaint-submit"
        disabled={busy || subject.trim() === '' || description.trim() === ''}
      >
        {t('portalSelfService.complaints.submit')}
      </button>
    </form>
  );
}
