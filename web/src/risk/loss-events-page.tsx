import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { EmptyRow, MoneyText, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { listLossEvents } from './risk-endpoints.js';
import { RiskHeader } from './risk-header.js';
import { riskPaths } from './risk-paths.js';
import type { LossEvent, LossTotals } from './risk-types.js';

/** Loss events and near misses with gross, recovered and net totals per currency. */
export function LossEventsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const events = useResource((signal) => listLossEvents(platformId, signal), platformId);
  return (
    <>
      <RiskHeader subtitle={t('riskRegister.losses.subtitle')} />
      <ResourceView resource={events}>
        {(data) => (
          <>
            <Section title={t('riskRegister.losses.totals')} testId="loss-totals">
              <TotalsChart totals={data.totals} />
              <TotalsTable totals={data.totals} />
            </Section>
            <Section
              title={t('riskRegister.losses.events')}
              count={data.items.length}
              testId="loss-events"
            >
              <EventsTable events={data.items} />
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}

/** Bars of gross, recovered and net per currency, in major units (for the eye; tables are exact). */
function TotalsChart({ totals }: { totals: LossTotals[] }) {
  const { t } = useTranslation();
  if (totals.length === 0) return null;
  const rows = totals.map((total) => ({
    currency: total.currency,
    gross: Number(total.gross.amount),
    recovered: Number(total.recovered.amount),
    net: Number(total.net.amount),
  }));
  return (
    <div className="card rr-chart" data-testid="loss-chart">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="currency" />
          <YAxis width={90} />
          <Tooltip />
          <Legend />
          <Bar dataKey="gross" name={t('riskRegister.losses.gross')} fill="#b4523a" />
          <Bar dataKey="recovered" name={t('riskRegister.losses.recovered')} fill="#3f7d5a" />
          <Bar dataKey="net" name={t('riskRegister.losses.net')} fill="#36507a" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function TotalsTable({ totals }: { totals: LossTotals[] }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskRegister.losses.currency')}</th>
          <th className="numeric">{t('riskRegister.losses.count')}</th>
          <th className="numeric">{t('riskRegister.losses.nearMisses')}</th>
          <th className="numeric">{t('riskRegister.losses.gross')}</th>
          <th className="numeric">{t('riskRegister.losses.recovered')}</th>
          <th className="numeric">{t('riskRegister.losses.net')}</th>
        </tr>
      </thead>
      <tbody>
        {totals.length === 0 ? (
          <EmptyRow columns={6} text={t('riskRegister.losses.empty')} />
        ) : null}
        {totals.map((total) => (
          <tr key={total.currency} data-currency={total.currency}>
            <td>{total.currency}</td>
            <td className="numeric">{total.events}</td>
            <td className="numeric">{total.nearMisses}</td>
            <td className="numeric">
              <MoneyText value={total.gross} />
            </td>
            <td className="numeric">
              <MoneyText value={total.recovered} />
            </td>
            <td className="numeric" data-testid="net-total">
              <MoneyText value={total.net} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EventsTable({ events }: { events: LossEvent[] }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('riskRegister.losses.occurred')}</th>
          <th>{t('riskRegister.losses.kind')}</th>
          <th>{t('riskRegister.field.title')}</th>
          <th>{t('riskRegister.losses.cause')}</th>
          <th className="numeric">{t('riskRegister.losses.gross')}</th>
          <th className="numeric">{t('riskRegister.losses.net')}</th>
          <th>{t('riskRegister.losses.links')}</th>
        </tr>
      </thead>
      <tbody>
        {events.length === 0 ? (
          <EmptyRow columns={7} text={t('riskRegister.losses.empty')} />
        ) : null}
        {events.map((event) => (
          <tr key={event.id} data-loss-kind={event.kind}>
            <td>{event.occurredOn}</td>
            <td>{t(`riskRegister.losses.kinds.${event.kind}`)}</td>
            <td className="cell-wrap">{event.title}</td>
            <td className="cell-wrap">
              {t(`riskRegister.category.${event.causeCategory}`)}: {event.cause}
            </td>
            <td className="numeric">
              <MoneyText
                value={event.kind === 'near_miss' ? event.potentialLoss : event.grossLoss}
              />
            </td>
            <td className="numeric">
              <MoneyText value={event.netLoss} />
            </td>
            <td>
              {event.riskIds.map((id) => (
                <Link key={id} to={riskPaths.risk(id)} className="rr-link">
                  {t('riskRegister.losses.risk')}
                </Link>
              ))}
              {event.caseIds.length + event.incidentIds.length === 0
                ? null
                : ` ${t('riskRegister.losses.caseLinks', { count: event.caseIds.length + event.incidentIds.length })}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
