import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, Severity } from './case-types.js';
import { durationKey, readSla, splitDuration } from './sla-clock.js';

/** How often the SLA countdowns on screen move. */
const SLA_TICK_MS = 30_000;

/** The current time, refreshed every SLA_TICK_MS while the component is on screen. */
export function useNowMs(): number {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), SLA_TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  return nowMs;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`badge case-severity case-severity-${severity}`} data-severity={severity}>
      {t(`cases.severity.${severity}`)}
    </span>
  );
}

export function CaseStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge case-state case-state-${state}`} data-case-state={state}>
      {t(`cases.state.${state}`, { defaultValue: state })}
    </span>
  );
}

/** A duration as "2d 3h", "3h 12m" or "12m" in the reader's language. */
export function DurationText({ durationMs }: { durationMs: number }) {
  const { t } = useTranslation();
  const parts = splitDuration(durationMs);
  return <>{t(`cases.duration.${durationKey(parts)}`, { ...parts })}</>;
}

/** The SLA: time left (or how far past the deadline), coloured by its state. */
export function SlaBadge({
  view,
  nowMs,
}: {
  view: Pick<CaseView, 'slaWarnAt' | 'slaDueAt' | 'closedAt'>;
  nowMs: number;
}) {
  const { t } = useTranslation();
  const sla = readSla(view, nowMs);
  const left = <DurationText durationMs={Math.abs(sla.remainingMs)} />;
  let text;
  if (sla.status === 'met') text = t('cases.sla.met');
  else if (sla.status === 'breached' && view.closedAt !== null) text = t('cases.sla.closedLate');
  else if (sla.status === 'breached')
    text = (
      <>
        {t('cases.sla.overdueBy')} {left}
      </>
    );
  else
    text = (
      <>
        {t('cases.sla.left')} {left}
      </>
    );
  return (
    <span
      className={`badge case-sla case-sla-${sla.status}`}
      data-sla-status={sla.status}
      title={`${t('cases.sla.due')} ${view.slaDueAt}`}
    >
      {text}
    </span>
  );
}
