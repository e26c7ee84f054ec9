import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/index.js';
import { ProblemAlert } from '../components/index.js';
import { usePlatformId } from '../session/index.js';
import { saveRuleDraft } from './monitoring-endpoints.js';
import {
  ALERT_SEVERITIES,
  type Definition,
  type DefinitionIssue,
  type RuleKind,
} from './monitoring-types.js';
import { FieldIssues, ParamField } from './param-field-inputs.js';
import { editableFields, getAt, issuesAt, setAt, unclaimedIssues } from './rule-fields.js';

type EditorMode = 'fields' | 'json';
/** Top-level members the fields view edits besides the parameters. */
const COMMON_KEYS = ['severity', 'mode', 'syncAction', 'enabled'] as const;

interface RuleEditorProps {
  kind: RuleKind;
  base: Definition;
  /** Which version the editor started from, for the heading. */
  baseLabel: string;
  onSaved: (version: number) => void;
}

/**
 * Edits a definition: its simple parameters as fields (numbers, amounts per currency, windows
 * in minutes, hours or days) or the whole of it as JSON, and saves it as a draft version. The
 * server validates; each issue it names shows next to its field, the rest above the form.
 */
export function RuleEditor({ kind, base, baseLabel, onSaved }: RuleEditorProps) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [draft, setDraft] = useState<Definition>(base);
  const [mode, setMode] = useState<EditorMode>('fields');
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [issues, setIssues] = useState<DefinitionIssue[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [resets, setResets] = useState(0);

  const fields = editableFields(draft, kind);
  const shownKeys = [...fields.map((field) => field.key), ...COMMON_KEYS];
  const unclaimed = mode === 'fields' ? unclaimedIssues(issues, shownKeys) : issues;
  const update = (path: (string | number)[], value: unknown) =>
    setDraft((current) => setAt(current, path, value));

  const switchTo = (next: EditorMode) => {
    if (next === mode) return;
    if (next === 'json') {
      setJsonText(JSON.stringify(draft, null, 2));
      setJsonError(null);
    } else if (jsonError !== null) return;
    setMode(next);
    setResets((value) => value + 1);
  };
  const editJson = (text: string) => {
    setJsonText(text);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error(t('rules.editor.jsonNotObject'));
      setDraft(parsed as Definition);
      setJsonError(null);
    } catch (error) {
      setJsonError(error instanceof Error ? error.message : String(error));
    }
  };
  const reset = () => {
    setDraft(base);
    setJsonText(JSON.stringify(base, null, 2));
    setJsonError(null);
    setIssues([]);
    setProblem(null);
    setResets((value) => value + 1);
  };
  const save = async () => {
    if (busy || jsonError !== null) return;
    setBusy(true);
    setProblem(null);
    const outcome = await saveRuleDraft(platformId, kind, draft);
    setBusy(false);
    if (outcome.ok) {
      setIssues([]);
      onSaved(outcome.version);
      return;
    }
    setIssues(outcome.issues);
    setProblem(outcome.problem);
  };

  return (
    <div className="card rule-editor" data-testid="rule-editor" data-mode={mode}>
      <div className="card-header">
        <p className="small muted" style={{ margin: 0 }}>
          {t('rules.editor.from', { base: baseLabel })}
        </p>
        <div className="row-actions" role="tablist">
          {(['fields', 'json'] as const).map((option) => (
            <button
              key={option}
              type="button"
              role="tab"
              aria-selected={mode === option}
              className={
                mode === option ? 'button button-small button-primary' : 'button button-small'
              }
              onClick={() => switchTo(option)}
              data-editor-mode={option}
            >
              {t(`rules.editor.${option}`)}
            </button>
          ))}
        </div>
      </div>
      {problem === null ? null : (
        <ProblemAlert problem={issues.length > 0 ? withoutDetail(problem) : problem} />
      )}
      {unclaimed.length === 0 ? null : (
        <ul className="field-issues editor-issues" role="alert" data-testid="editor-issues">
          {unclaimed.map((issue) => (
            <li key={`${issue.path}|${issue.message}`} data-issue-path={issue.path}>
              <code>{issue.path === '' ? '—' : issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
      {mode === 'fields' ? (
        <div key={resets}>
          <CommonFields kind={kind} draft={draft} issues={issues} update={update} />
          {fields.length === 0 ? (
            <p className="muted">{t('rules.editor.noFields')}</p>
          ) : (
            <div className="param-grid">
              {fields.map((field) => (
                <ParamField
                  key={field.key}
                  field={field}
                  value={getAt(draft, field.path)}
                  issues={issuesAt(issues, field.key)}
                  onValue={(value) => update(field.path, value)}
                />
              ))}
            </div>
          )}
          <p className="small muted">{t('rules.editor.jsonHint')}</p>
        </div>
      ) : (
        <label className="field">
          <span>{t('rules.editor.jsonLabel')}</span>
          <textarea
            name="definitionJson"
            className="json-editor"
            spellCheck={false}
            rows={Math.min(32, jsonText.split('\n').length + 1)}
            value={jsonText}
            onChange={(event) => editJson(event.target.value)}
          />
          {jsonError === null ? null : <FieldIssues issues={[{ path: '', message: jsonError }]} />}
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={reset} disabled={busy}>
          {t('rules.editor.reset')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void save()}
          disabled={busy || jsonError !== null}
          data-action="save-draft"
        >
          {busy ? t('rules.editor.saving') : t('rules.editor.save')}
        </button>
      </div>
    </div>
  );
}

/** With the issues shown by their fields, the problem's detail would only repeat them. */
function withoutDetail(problem: ApiProblem): ApiProblem {
  const { status, title, type, code } = problem;
  return new ApiProblem({ status, title, type, code, detail: null });
}

interface CommonFieldsProps {
  kind: RuleKind;
  draft: Definition;
  issues: DefinitionIssue[];
  update: (path: (string | number)[], value: unknown) => void;
}

/** Severity, and for rules the mode (sync rules also hold or reject) and whether it is on. */
function CommonFields({ kind, draft, issues, update }: CommonFieldsProps) {
  const { t } = useTranslation();
  const text = (key: string) => (typeof draft[key] === 'string' ? (draft[key] as string) : '');
  return (
    <div className="param-grid param-grid-common">
      <div className="param-field" data-field="severity">
        <div className="param-label">{t('rules.severity')}</div>
        <select
          name="severity"
          value={text('severity')}
          onChange={(event) => update(['severity'], event.target.value)}
        >
          {ALERT_SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {t(`monitoring.severity.${severity}`)}
            </option>
          ))}
        </select>
        <FieldIssues issues={issuesAt(issues, 'severity')} />
      </div>
      {kind === 'rule' ? (
        <>
          <div className="param-field" data-field="mode">
            <div className="param-label">{t('rules.mode')}</div>
            <select
              name="mode"
              value={text('mode')}
              onChange={(event) => update(['mode'], event.target.value)}
            >
              <option value="async">{t('rules.modes.async')}</option>
              <option value="sync">{t('rules.modes.sync')}</option>
            </select>
            <FieldIssues issues={issuesAt(issues, 'mode')} />
          </div>
          {text('mode') === 'sync' ? (
            <div className="param-field" data-field="syncAction">
              <div className="param-label">{t('rules.syncAction')}</div>
              <select
                name="syncAction"
                value={text('syncAction') || 'hold'}
                onChange={(event) => update(['syncAction'], event.target.value)}
              >
                <option value="hold">{t('rules.syncActions.hold')}</option>
                <option value="reject">{t('rules.syncActions.reject')}</option>
              </select>
              <FieldIssues issues={issuesAt(issues, 'syncAction')} />
            </div>
          ) : null}
          <label className="param-field param-check" data-field="enabled">
            <input
              type="checkbox"
              name="enabled"
              checked={draft.enabled !== false}
              onChange={(event) => update(['enabled'], event.target.checked)}
            />
            <span>{t('rules.enabled')}</span>
          </label>
        </>
      ) : null}
    </div>
  );
}
