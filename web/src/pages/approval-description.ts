import type { Approval } from '../api/types.js';
import { compactId } from '../format/compact-id.js';
import { formatThreshold } from '../monitoring/kri-format.js';

/** The catalogue lookup the description needs (i18next's `t` fits). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

const HOUR_MS = 60 * 60 * 1000;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/**
 * One readable sentence for what an approval would do, from its action and payload: "Give
 * Wang Fang the role Operator", "Lift freeze frz_…". People are named when `nameOf` knows them.
 * Actions without a sentence of their own fall back to the action's label.
 */
export function describeApproval(
  approval: Approval,
  t: Translate,
  nameOf: (principalId: string) => string | null,
): string {
  const payload = approval.payload;
  const id = (field: string) => compactId(text(payload[field]));
  const person = () => {
    const principalId = text(payload.principalId);
    return nameOf(principalId) ?? compactId(principalId);
  };
  switch (approval.action) {
    case 'freeze.lift':
      return t('approvalDescription.freezeLift', { freezeId: id('freezeId') });
    case 'instruction.release':
      return t('approvalDescription.instructionRelease', { instructionId: id('instructionId') });
    case 'recon.adjust': {
      const type = text(payload.counterAccountType);
      return t('approvalDescription.reconAdjust', {
        breakId: id('breakId'),
        counterAccount: t(`accountType.${type}`, { defaultValue: type }),
      });
    }
    case 'principal.role_grant': {
      const role = text(payload.role);
      const values = { name: person(), role: t(`role.${role}`, { defaultValue: role }) };
      const platforms = Array.isArray(payload.platformIds) ? payload.platformIds.length : 0;
      return platforms === 0
        ? t('approvalDescription.roleGrant', values)
        : t('approvalDescription.roleGrantScoped', { ...values, count: platforms });
    }
    case 'api_key.activate': {
      const overlapMs = typeof payload.overlapMs === 'number' ? payload.overlapMs : 0;
      const hours = Math.round(overlapMs / HOUR_MS);
      const values = { keyId: id('keyId'), name: person(), count: hours };
      return hours === 0
        ? t('approvalDescription.apiKeyActivateNoOverlap', values)
        : t('approvalDescription.apiKeyActivate', values);
    }
    case 'rule.activate':
      return t('approvalDescription.ruleActivate', {
        ruleId: text(payload.ruleId),
        version: text(payload.version),
      });
    case 'kri.thresholds': {
      const asked = payload.thresholds;
      const kriId = t(`kri.titles.${text(payload.kriId)}`, { defaultValue: text(payload.kriId) });
      if (typeof asked !== 'object' || asked === null)
        return t('approvalDescription.kriThresholdsDefaults', { kriId });
      const kri = {
        unit: payload.unit === 'ratio' ? ('ratio' as const) : ('count' as const),
        worse: payload.worse === 'lower' ? ('lower' as const) : ('higher' as const),
      };
      const { amberAt, redAt } = asked as { amberAt?: unknown; redAt?: unknown };
      return t('approvalDescription.kriThresholds', {
        kriId,
        amber: formatThreshold(kri, Number(amberAt)),
        red: formatThreshold(kri, Number(redAt)),
      });
    }
    case 'report.submit':
      return t('approvalDescription.reportSubmit', {
        reportId: id('reportId'),
        version: typeof payload.version === 'number' ? String(payload.version) : '?',
        fileName: text(payload.fileName),
      });
    case 'retention.execute': {
      const customers = listLength(payload.customerIds);
      const files = listLength(payload.reportFiles);
      if (files === 0) return t('approvalDescription.retentionCustomers', { count: customers });
      if (customers === 0) return t('approvalDescription.retentionFiles', { count: files });
      return t('approvalDescription.retentionExecute', {
        customers: t('approvalDescription.retentionCustomers', { count: customers }),
        files: t('approvalDescription.retentionFileCount', { count: files }),
      });
    }
    case 'retention.hold_release':
      return t('approvalDescription.retentionHoldRelease', {
        holdId: id('holdId'),
        subject: t(`compliance.retention.holdSubjects.${text(payload.subjectType)}`, {
          defaultValue: text(payload.subjectType),
        }),
        subjectId: id('subjectId'),
      });
    case 'case.close':
      return t('approvalDescription.caseClose', {
        caseId: id('caseId'),
        disposition: t(`cases.disposition.${text(payload.disposition)}`, {
          defaultValue: text(payload.disposition),
        }),
      });
    default:
      return t(`approvalAction.${approval.action.replace(/\./g, '_')}`, {
        defaultValue: approval.action,
      });
  }
}
