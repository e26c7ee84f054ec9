import { PERMISSIONS, ROLES } from './permissions.js';

/** The permission matrix as a Markdown table: docs/PERMISSIONS.md is this, checked by a test. */
export function permissionMatrixMarkdown(): string {
  const header = `| permission | ${ROLES.join(' | ')} |`;
  const rule = `| --- | ${ROLES.map(() => ':-:').join(' | ')} |`;
  const rows = Object.entries(PERMISSIONS).map(
    ([permission, roles]) =>
      `| \`${permission}\` | ${ROLES.map((role) => ((roles as readonly string[]).includes(role) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
