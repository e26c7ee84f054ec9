import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration, read from the environment once at start and frozen. Everything else
 * receives the values it needs as arguments; nothing reads process.env on its own.
 */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  CUSTOS_DATA_DIR: z.string().default('./data'),
  CUSTOS_HTTP_BODY_BYTES_MAX: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(64 * 1_048_576)
    .default(262_144),
  CUSTOS_BATCH_SIZE_MAX: z.coerce.number().int().min(1).max(5_000).default(1_000),
  CUSTOS_QUEUE_LENGTH_MAX: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  CUSTOS_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  CUSTOS_ADMIN_KEY: z.string().min(24).optional(),
  // Tamper-evident audit log: a signed checkpoint every N leaves or T ms while the log grows.
  CUSTOS_CHECKPOINT_LEAVES: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  CUSTOS_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  // The log's C2SP signer key (PRIVATE+KEY+…); unset: generated once and kept in the database.
  CUSTOS_LOG_KEY_FILE: z.string().optional(),
  // Origin line of a new log's checkpoints; unset: custos.example/<random deployment id>.
  CUSTOS_LOG_ORIGIN: z.string().min(1).max(255).optional(),
  // The master key that wraps personal-data keys and sealed secrets (base64 of 32 bytes), or a
  // file holding it; unset: <data dir>/master.key, created on first start (embedded use only).
  CUSTOS_MASTER_KEY: z.string().optional(),
  CUSTOS_MASTER_KEY_FILE: z.string().optional(),
  // Older master keys (comma-separated base64), kept to unwrap until `custos keys rotate`.
  CUSTOS_MASTER_KEY_PREVIOUS: z.string().optional(),
  CUSTOS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(60_000),
  // Serve HTTPS directly with these PEM files (both or neither).
  CUSTOS_TLS_CERT_FILE: z.string().optional(),
  CUSTOS_TLS_KEY_FILE: z.string().optional(),
  // Browser origins allowed to call the API (comma-separated); unset: CORS off.
  CUSTOS_CORS_ORIGINS: z.string().optional(),
  // Mark session cookies Secure when TLS ends at a proxy in front of Custos.
  CUSTOS_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  // The customer portal's public origin (https://…): passkeys are bound to its host (or to
  // CUSTOS_PORTAL_RP_ID, a registrable parent domain). Unset: passkeys work on localhost only.
  CUSTOS_PORTAL_ORIGIN: z.url().optional(),
  CUSTOS_PORTAL_RP_ID: z.string().min(1).max(253).optional(),
  // Real-time monitoring in the server process: on (gate and evaluation, the default),
  // gate-only (the synchronous check only, while `custos monitor worker` processes evaluate), off.
  CUSTOS_MONITORING: z.enum(['on', 'gate-only', 'off']).default('on'),
  // When the daily reconciliation and safeguarding check runs (UTC, HH:MM) for the day before.
  CUSTOS_RECON_DAILY_AT_UTC: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
    .default('06:00'),
  CUSTOS_KRI_INTERVAL_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(300_000),
  // E-mail notifications over SMTP (unset: e-mail receivers stay queued until configured).
  CUSTOS_SMTP_HOST: z.string().optional(),
  CUSTOS_SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
  CUSTOS_SMTP_USER: z.string().optional(),
  CUSTOS_SMTP_PASSWORD: z.string().optional(),
  CUSTOS_SMTP_FROM: z.string().default('custos@localhost'),
  CUSTOS_SMTP_REQUIRE_TLS: z.enum(['true', 'false']).default('true'),
  CUSTOS_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('warn'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly httpBodyBytesMax: number;
  readonly batchSizeMax: number;
  readonly queueLengthMax: number;
  readonly poolSize: number;
  readonly adminKey: string | undefined;
  readonly logLevel: string;
  readonly checkpointLeaves: number;
  readonly checkpointIntervalMs: number;
  readonly logKeyFile: string | undefined;
  readonly logOrigin: string | undefined;
  readonly masterKeyBase64: string | undefined;
  readonly masterKeyFile: string | undefined;
  readonly previousMasterKeysBase64: readonly string[];
  readonly rateLimitPerMinute: number;
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  readonly corsOrigins: readonly string[];
  readonly secureCookies: boolean | undefined;
  readonly portalOrigin: string | undefined;
  readonly portalRpId: string | undefined;
  readonly monitoring: 'on' | 'gate-only' | 'off';
  readonly kriIntervalMs: number;
  readonly reconDailyAtUtc: string;
  readonly smtpHost: string | undefined;
  readonly smtpPort: number;
  readonly smtpUser: string | undefined;
  readonly smtpPassword: string | undefined;
  readonly smtpFrom: string;
  readonly smtpRequireTls: boolean;
}

function blank(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`configuration is not valid:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  if (
    (blank(value.CUSTOS_TLS_CERT_FILE) === undefined) !==
    (blank(value.CUSTOS_TLS_KEY_FILE) === undefined)
  )
    throw new Error(
      'configuration is not valid:\n  set both CUSTOS_TLS_CERT_FILE and CUSTOS_TLS_KEY_FILE, or neither',
    );
  return Object.freeze({
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL === '' ? undefined : value.DATABASE_URL,
    dataDir: path.resolve(value.CUSTOS_DATA_DIR),
    httpBodyBytesMax: value.CUSTOS_HTTP_BODY_BYTES_MAX,
    batchSizeMax: value.CUSTOS_BATCH_SIZE_MAX,
    queueLengthMax: Math.max(value.CUSTOS_QUEUE_LENGTH_MAX, value.CUSTOS_BATCH_SIZE_MAX),
    poolSize: value.CUSTOS_POOL_SIZE,
    adminKey: value.CUSTOS_ADMIN_KEY,
    logLevel: value.CUSTOS_LOG_LEVEL,
    checkpointLeaves: value.CUSTOS_CHECKPOINT_LEAVES,
    checkpointIntervalMs: value.CUSTOS_CHECKPOINT_INTERVAL_MS,
    logKeyFile:
      value.CUSTOS_LOG_KEY_FILE === undefined || value.CUSTOS_LOG_KEY_FILE === ''
        ? undefined
        : path.resolve(value.CUSTOS_LOG_KEY_FILE),
    logOrigin: value.CUSTOS_LOG_ORIGIN,
    masterKeyBase64: blank(value.CUSTOS_MASTER_KEY),
    masterKeyFile:
      blank(value.CUSTOS_MASTER_KEY_FILE) === undefined
        ? undefined
        : path.resolve(value.CUSTOS_MASTER_KEY_FILE as string),
    previousMasterKeysBase64: (blank(value.CUSTOS_MASTER_KEY_PREVIOUS) ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== ''),
    rateLimitPerMinute: value.CUSTOS_RATE_LIMIT_PER_MINUTE,
    tlsCertFile: blank(value.CUSTOS_TLS_CERT_FILE),
    tlsKeyFile: blank(value.CUSTOS_TLS_KEY_FILE),
    corsOrigins: (blank(value.CUSTOS_CORS_ORIGINS) ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    secureCookies:
      value.CUSTOS_SECURE_COOKIES === undefined
        ? undefined
        : value.CUSTOS_SECURE_COOKIES === 'true',
    portalOrigin: blank(value.CUSTOS_PORTAL_ORIGIN),
    portalRpId: blank(value.CUSTOS_PORTAL_RP_ID),
    monitoring: value.CUSTOS_MONITORING,
    kriIntervalMs: value.CUSTOS_KRI_INTERVAL_MS,
    reconDailyAtUtc: value.CUSTOS_RECON_DAILY_AT_UTC,
    smtpHost: blank(value.CUSTOS_SMTP_HOST),
    smtpPort: value.CUSTOS_SMTP_PORT,
    smtpUser: blank(value.CUSTOS_SMTP_USER),
    smtpPassword: value.CUSTOS_SMTP_PASSWORD,
    smtpFrom: value.CUSTOS_SMTP_FROM,
    smtpRequireTls: value.CUSTOS_SMTP_REQUIRE_TLS === 'true',
  });
}
