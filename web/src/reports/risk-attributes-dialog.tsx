import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, asApiProblem, type ProblemIssue } from '../api/index.js';
import { FormDialog, ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { getRiskModel, setRiskAttributes } from './reports-endpoints.js';
import {
  ONBOARDING_CHANNELS,
  PEP_STATUSES,
  type ActiveRiskModel,
  type AttributesOutcome,
  type OnboardingChannel,
  type PepStatus,
  type RatingDetail,
} from './reports-types.js';
import {
  attributesBody,
  codeChoices,
  declaredCnyValid,
  draftOf,
  issuesAllShownByFields,
  issuesOfField,
  PRODUCTS_PER_CUSTOMER_MAX,
  type AttributeField,
  type AttributesDraft,
} from './risk-attributes-draft.js';

interface RiskAttributesDialogProps {
  platformId: string;
  detail: RatingDetail;
  onClose: () => void;
  onDone: (outcome: AttributesOutcome) => void;
}

/**
 * Edits what compliance records about a customer for the risk model, prefilled with what is
 * recorded. Categories and products come from the code lists of the model in force; the
 * declared figure is checked as the API checks it, and a field the server refuses shows its
 * words under it. Saving re-rates the customer; lowering a high rating waits for a second
 * person instead.
 */
export function RiskAttributesDialog(props: RiskAttributesDialogProps) {
  const { t } = useTranslation();
  const { platformId, detail } = props;
  const model = useResource((signal) => getRiskModel(platformId, signal), platformId);
  const [draft, setDraft] = useState<AttributesDraft>(() => draftOf(detail.attributes));
  const [issues, setIssues] = useState<ProblemIssue[]>([]);
  const body = attributesBody(draft);
  const submit = async (): Promise<AttributesOutcome> => {
    // The confirm button waits for a complete draft; this only narrows the type.
    if (body === null) throw new Error('the attributes are not complete');
    setIssues([]);
    try {
      return await setRiskAttributes(platformId, detail.customerId, body);
    } catch (error) {
      const problem = asApiProblem(error);
      setIssues([...problem.issues]);
      throw issuesAllShownByFields(problem.issues) ? withoutDetail(problem) : problem;
    }
  };
  return (
    <FormDialog
      title={t('riskRating.attributes.editTitle')}
      description={t('riskRating.attributes.editDescription')}
      confirmLabel={t('riskRating.attributes.save')}
      tone="primary"
      asksReason={false}
      ready={body !== null && model.state.status === 'ready'}
      onSubmit={submit}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <ResourceView resource={model}>
        {(active) => (
          <AttributeFields
            draft={draft}
            recorded={draftOf(detail.attributes)}
            model={active}
            entity={detail.customerKind === 'entity'}
            issues={issues}
            onChange={setDraft}
          />
        )}
      </ResourceView>
    </FormDialog>
  );
}

/** With every issue shown by its field, the problem's detail would only repeat them. */
function withoutDetail(problem: ApiProblem): ApiProblem {
  const { status, title, type, code, issues } = problem;
  return new ApiProblem({ status, title, type, code, issues, detail: null });
}

interface AttributeFieldsProps {
  draft: AttributesDraft;
  /** What is recorded now: codes the model no longer lists stay choosable. */
  recorded: AttributesDraft;
  model: ActiveRiskModel;
  entity: boolean;
  issues: ProblemIssue[];
  onChange: (draft: AttributesDraft) => void;
}

function AttributeFields({
  draft,
  recorded,
  model,
  entity,
  issues,
  onChange,
}: AttributeFieldsProps) {
  const { t } = useTranslation();
  const set = (change: Partial<AttributesDraft>) => onChange({ ...draft, ...change });
  const codes = model.model;
  const none = t('riskRating.attributes.none');
  const categoryField = (field: 'occupationCategory' | 'industryCategory', label: string) => {
    const points = codes[field === 'occupationCategory' ? 'occupation' : 'industry'].points;
    const choices = codeChoices(Object.keys(points), [recorded[field]]);
    return (
      <Field field={field} label={label} issues={issues}>
        <select
          name={field}
          value={draft[field]}
          aria-invalid={issuesOfField(issues, field).length > 0}
          onChange={(event) => set({ [field]: event.target.value })}
        >
          <option value="">{none}</option>
          {choices.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </Field>
    );
  };
  return (
    <div className="attributes-form" data-testid="attributes-form">
      <div className="attributes-form-pair">
        {categoryField('occupationCategory', t('riskRating.attributes.occupation'))}
        {categoryField('industryCategory', t('riskRating.attributes.industry'))}
      </div>
      <ProductChoices
        draft={draft}
        choices={codeChoices(Object.keys(codes.products.points), recorded.products)}
        issues={issues}
        onChange={(products) => set({ products })}
      />
      <div className="attributes-form-pair">
        <Field field="onboardingChannel" label={t('riskRating.attributes.channel')} issues={issues}>
          <select
            name="onboardingChannel"
            value={draft.onboardingChannel}
            onChange={(event) =>
              set({ onboardingChannel: event.target.value as OnboardingChannel })
            }
          >
            {ONBOARDING_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`riskRating.attributes.channels.${channel}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field field="pepStatus" label={t('riskRating.attributes.pep')} issues={issues}>
          <select
            name="pepStatus"
            value={draft.pepStatus}
            onChange={(event) => set({ pepStatus: event.target.value as PepStatus })}
          >
            {PEP_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`riskRating.attributes.peps.${status}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <DeclaredField
        value={draft.declaredMonthlyCny}
        entity={entity}
        issues={issues}
        onChange={(declaredMonthlyCny) => set({ declaredMonthlyCny })}
      />
    </div>
  );
}

function ProductChoices(props: {
  draft: AttributesDraft;
  choices: string[];
  issues: ProblemIssue[];
  onChange: (products: string[]) => void;
}) {
  const { t } = useTranslation();
  const chosen = props.draft.products;
  const toggle = (code: string, on: boolean) =>
    props.onChange(on ? [...chosen, code] : chosen.filter((product) => product !== code));
  const tooMany = chosen.length > PRODUCTS_PER_CUSTOMER_MAX;
  return (
    <fieldset className="field attributes-products" aria-invalid={tooMany}>
      <legend>{t('riskRating.attributes.products')}</legend>
      <div className="attributes-product-choices">
        {props.choices.map((code) => (
          <label key={code} className="field-inline">
            <input
              type="checkbox"
              name="products"
              value={code}
              checked={chosen.includes(code)}
              onChange={(event) => toggle(code, event.target.checked)}
            />
            <code>{code}</code>
          </label>
        ))}
      </div>
      {tooMany ? (
        <small className="field-error">
          {t('riskRating.attributes.productsTooMany', { count: PRODUCTS_PER_CUSTOMER_MAX })}
        </small>
      ) : null}
      <FieldIssues issues={issuesOfField(props.issues, 'products')} />
    </fieldset>
  );
}

function DeclaredField(props: {
  value: string;
  entity: boolean;
  issues: ProblemIssue[];
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  const valid = declaredCnyValid(props.value);
  const refused = issuesOfField(props.issues, 'declaredMonthlyCny');
  const label = t(
    props.entity
      ? 'riskRating.attributes.declaredTurnover'
      : 'riskRating.attributes.declaredIncome',
  );
  return (
    <label className="field">
      <span>{label} (CNY)</span>
      <input
        name="declaredMonthlyCny"
        inputMode="decimal"
        autoComplete="off"
        placeholder={t('riskRating.attributes.notDeclared')}
        value={props.value}
        aria-invalid={!valid || refused.length > 0}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <small className={valid ? 'muted' : 'field-error'} data-testid="declared-rule">
        {t('riskRating.attributes.declaredRule')}
      </small>
      <FieldIssues issues={refused} />
    </label>
  );
}

/** A labelled field with the server's words about it, if it refused it. */
function Field(props: {
  field: AttributeField;
  label: string;
  issues: ProblemIssue[];
  children: ReactNode;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.children}
      <FieldIssues issues={issuesOfField(props.issues, props.field)} />
    </label>
  );
}

function FieldIssues({ issues }: { issues: ProblemIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <>
      {issues.map((issue) => (
        <small
          key={`${issue.path}|${issue.message}`}
          className="field-error"
          data-issue-path={issue.path}
        >
          {issue.message}
        </small>
      ))}
    </>
  );
}
