import { CONSOLE_ROOT } from '../console-paths.js';

/** The audit log page; not platform-scoped (the log covers every platform). */
export const AUDIT_LOG_PATH = `${CONSOLE_ROOT}/audit`;
