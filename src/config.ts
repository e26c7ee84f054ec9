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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`configuration is not valid:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
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
  });
}
