import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const COPIED_SHOWN_MS = 2_000;

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), COPIED_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  let caption = label ?? t('copy.copy');
  if (state === 'copied') caption = t('copy.copied');
  if (state === 'failed') caption = t('copy.failed');
  return (
    <button type="button" className="button button-small" onClick={copy} aria-live="polite">
      {caption}
    </button>
  );
}
