import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const JURISDICTIONS = ['CN', 'UK', 'US', 'EU'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export const CONTROL_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type ControlFrequency = (typeof CONTROL_FREQUENCIES)[number];

export const REGISTER_FILE = fileURLToPath(new URL('./obligations-register.json', import.meta.url));

const ControlCode = z.string().regex(/^[A-Z][A-Z0-9-]{1,39}$/);
const TestKind = z.string().regex(/^[a-z][a-z0-9_]{1,59}$/);

const RegisterSchema = z
  .object({
    version: z.literal(1),
    controls: z
      .array(
        z
          .object({
            code: ControlCode,
            title: z.string().min(1).max(200),
            description: z.string().min(1).max(2_000),
            frequency: z.enum(CONTROL_FREQUENCIES),
            tests: z.array(TestKind).min(1).max(10),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    obligations: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,99}$/),
            jurisdiction: z.enum(JURISDICTIONS),
            source: z.string().min(1).max(200),
            article: z.string().min(1).max(100),
            title: z.string().min(1).max(200),
            summary: z.string().min(1).max(2_000),
            inForceFrom: z.iso.date().optional(),
            controls: z.array(ControlCode).min(1).max(50),
          })
          .strict(),
      )
      .min(1)
      .max(1_000),
  })
  .strict();

export type RegisterData = z.infer<typeof RegisterSchema>;
export type RegisterControl = RegisterData['controls'][number];
export type RegisterObligation = RegisterData['obligations'][number];

export class RegisterInvalid extends Error {
  override name = 'RegisterInvalid';
}

/** The stable primary key of a control: derived from its code, so links survive reseeding. */
export function controlIdOf(code: string): string {
  return `ctl_${code.toLowerCase().replaceAll('-', '_')}`;
}

/**
 * Parses and cross-checks a register: codes and obligation ids unique, every linked control
 * defined, every test kind one that `knownTestKinds` can run.
 */
export function parseRegister(value: unknown, knownTestKinds: ReadonlySet<string>): RegisterData {
  const parsed = RegisterSchema.safeParse(value);
  if (!parsed.success) throw new RegisterInvalid(`register malformed: ${parsed.error.message}`);
  const register = parsed.data;
  const codes = new Set<string>();
  for (const control of register.controls) {
    if (codes.has(control.code)) throw new RegisterInvalid(`duplicate control ${control.code}`);
    codes.add(control.code);
    for (const kind of control.tests) {
      if (!knownTestKinds.has(kind)) {
        throw new RegisterInvalid(`control ${control.code}: unknown test ${kind}`);
      }
    }
  }
  const ids = new Set<string>();
  for (const obligation of register.obligations) {
    if (ids.has(obligation.id)) throw new RegisterInvalid(`duplicate obligation ${obligation.id}`);
    ids.add(obligation.id);
    for (const code of obligation.controls) {
      if (!codes.has(code)) {
        throw new RegisterInvalid(`obligation ${obligation.id}: unknown control ${code}`);
      }
    }
  }
  return register;
}

export function loadRegisterFile(
  knownTestKinds: ReadonlySet<string>,
  file = REGISTER_FILE,
): RegisterData {
  return parseRegister(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, knownTestKinds);
}
