import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** goAMLSchema.xsd 5.0.1 in the team's shared fixtures, beside the repository. */
export const GOAML_XSD = fileURLToPath(
  new URL('../../../shared/fixtures/goaml/goAMLSchema.xsd', import.meta.url),
);

function xmllintWorks(): boolean {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** Why XSD validation cannot run here, or null when it can. */
export const XSD_SKIP_REASON: string | null = !xmllintWorks()
  ? 'xmllint is not installed (Debian: apt-get install libxml2-utils)'
  : !fs.existsSync(GOAML_XSD)
    ? `the goAML schema is not at ${GOAML_XSD}`
    : null;
if (XSD_SKIP_REASON !== null)
  process.stderr.write(`goAML XSD validation tests skipped: ${XSD_SKIP_REASON}\n`);

/** Validates a document against the goAML schema with xmllint; returns its verdict. */
export function validateGoaml(xml: string): { valid: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-goaml-'));
  const file = path.join(dir, 'report.xml');
  try {
    fs.writeFileSync(file, xml, 'utf8');
    const run = spawnSync('xmllint', ['--noout', '--schema', GOAML_XSD, file], {
      encoding: 'utf8',
    });
    return { valid: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
