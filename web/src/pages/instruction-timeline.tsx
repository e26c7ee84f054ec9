import { useTranslation } from 'react-i18next';
import type { InstructionEvent } from '../api/index.js';
import { DateTime, DetailList } from '../components/index.js';

/** What happened to an instruction, oldest first, with who did it. */
export function InstructionTimeline({ events }: { events: InstructionEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="muted">{t('instructions.noEvents')}</p>;
  return (
    <ol className="timeline" data-testid="instruction-timeline">
      {events.map((event, index) => (
        <li key={`${event.at}-${index}`} className="timeline-item" data-event={event.event}>
          <div className="timeline-head">
            <strong>{t(`instructionEvent.${event.event}`, { defaultValue: event.event })}</strong>
            <span className="muted">
              {t('instructions.by', { actor: event.actor })} · <DateTime value={event.at} />
            </span>
          </div>
          <DetailList detail={event.detail} />
        </li>
      ))}
    </ol>
  );
}
