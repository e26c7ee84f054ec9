import type { Command } from 'commander';
import { platformOf, type GlobalOptions } from './run-command.js';

/** What every command group needs: the global options and the shared option shapes. */
export interface CommandKit {
  program: Command;
  global: () => GlobalOptions;
}

export const PLATFORM_OPTION = ['-p, --platform <id>', 'platform id (or CUSTOS_PLATFORM)'] as const;
export const REASON_OPTION = ['--reason <text>', 'why (recorded in the audit log)'] as const;

export function platformPath(platform: string | undefined): string {
  return `/v1/platforms/${platformOf(platform)}`;
}

/** Renders a 201 reply `{ id }` as `<what> <id>`. */
export function createdId(what: string): (body: unknown) => string {
  return (body) => `${what} ${(body as { id: string }).id}`;
}
