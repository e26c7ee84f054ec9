import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APPROVAL_ACTIONS } from '../../src/approvals/index.js';
import { permissionMatrixMarkdown } from '../../src/security/permission-matrix-markdown.js';

const doc = fs.readFileSync(new URL('../../docs/PERMISSIONS.md', import.meta.url), 'utf8');

describe('docs/PERMISSIONS.md', () => {
  it('shows the permission matrix the server enforces', () => {
    const between = doc.split('<!-- matrix:start -->')[1]?.split('<!-- matrix:end -->')[0];
    expect(between?.trim()).toBe(permissionMatrixMarkdown());
  });

  it('lists every four-eyes action with the permission that decides it', () => {
    for (const [action, permission] of Object.entries(APPROVAL_ACTIONS))
      expect(doc).toMatch(
        new RegExp(
          `\\| \`${action.replace('.', '\\.')}\`[^|]*\\| \`${permission.replace('.', '\\.')}\` \\|`,
        ),
      );
  });
});
