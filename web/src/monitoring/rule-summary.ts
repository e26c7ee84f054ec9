import type { Definition, RuleKind, StoredVersion } from './monitoring-types.js';

/** One line of the rules list: a rule or typology of the effective pack and its stored state. */
export interface RuleRow {
  id: string;
  kind: RuleKind;
  template: string;
  severity: string;
  mode: string;
  syncAction: string | null;
  enabled: boolean;
  description: string;
  basis: string;
  version: number;
  /** The stored version in force instead of the default pack's, if any. */
  activeStoredVersion: number | null;
  drafts: number;
  pending: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function ruleRow(
  definition: Definition,
  kind: RuleKind,
  versions: readonly StoredVersion[],
): RuleRow {
  const id = text(definition.id);
  const own = versions.filter((version) => version.ruleId === id);
  const active = own.find((version) => version.status === 'active');
  const mode = kind === 'typology' ? 'async' : text(definition.mode);
  return {
    id,
    kind,
    template: kind === 'typology' ? 'typology' : text(definition.template),
    severity: text(definition.severity),
    mode,
    syncAction: mode === 'sync' ? text(definition.syncAction) || 'hold' : null,
    enabled: definition.enabled !== false,
    description: text(definition.description),
    basis: text(definition.basis),
    version: typeof definition.version === 'number' ? definition.version : 1,
    activeStoredVersion: active === undefined ? null : active.version,
    drafts: own.filter((version) => version.status === 'draft').length,
    pending: own.filter((version) => version.status === 'pending_activation').length,
  };
}

/** Rules then typologies, each in the pack's order. */
export function ruleRows(pack: {
  rules: readonly Definition[];
  typologies: readonly Definition[];
  versions: readonly StoredVersion[];
}): RuleRow[] {
  return [
    ...pack.rules.map((definition) => ruleRow(definition, 'rule', pack.versions)),
    ...pack.typologies.map((definition) => ruleRow(definition, 'typology', pack.versions)),
  ];
}

/** Finds a rule or typology of the pack by id. */
export function findDefinition(
  pack: { rules: readonly Definition[]; typologies: readonly Definition[] },
  ruleId: string,
): { kind: RuleKind; definition: Definition } | null {
  const rule = pack.rules.find((definition) => definition.id === ruleId);
  if (rule !== undefined) return { kind: 'rule', definition: rule };
  const typology = pack.typologies.find((definition) => definition.id === ruleId);
  return typology === undefined ? null : { kind: 'typology', definition: typology };
}
