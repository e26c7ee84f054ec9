import { CliError, openTransport, type Transport } from './transport.js';
import { describeProblem, table } from './output.js';

export interface GlobalOptions {
  json?: boolean;
  as?: string;
}

export interface Call {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Runs one API call through the transport, says on stderr which way it went, and prints the
 * reply: a table for people, or JSON with --json. A problem reply becomes exit code 1.
 */
export async function runCall(
  options: GlobalOptions,
  call: Call | ((transport: Transport) => Promise<Call>),
  render: (body: unknown) => string,
): Promise<void> {
  const transport = await openTransport(options.as ?? 'cli');
  try {
    process.stderr.write(`custos: using ${transport.description}\n`);
    const resolved = typeof call === 'function' ? await call(transport) : call;
    const reply = await transport.request(
      resolved.method,
      resolved.path,
      resolved.body,
      resolved.headers,
    );
    if (reply.status >= 400) {
      if (options.json === true) process.stdout.write(`${JSON.stringify(reply.body, null, 2)}\n`);
      throw new CliError(describeProblem(reply.body, reply.status));
    }
    process.stdout.write(
      `${options.json === true ? JSON.stringify(reply.body, null, 2) : render(reply.body)}\n`,
    );
  } finally {
    await transport.close();
  }
}

export function itemsTable(columns: string[]): (body: unknown) => string {
  return (body) => table((body as { items?: Record<string, unknown>[] }).items ?? [], columns);
}

export function recordTable(body: unknown): string {
  const entries = Object.entries(body as Record<string, unknown>).filter(
    ([, value]) => typeof value !== 'object' || value === null || 'amount' in (value as object),
  );
  return table(
    entries.map(([field, value]) => ({ field, value })),
    ['field', 'value'],
  );
}

export function platformOf(option: string | undefined): string {
  const platformId = option ?? process.env.CUSTOS_PLATFORM;
  if (platformId === undefined || platformId === '')
    throw new CliError('name the platform with --platform or CUSTOS_PLATFORM');
  return platformId;
}
