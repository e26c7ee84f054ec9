export {
  buildServer,
  HTTP_BODY_BYTES_MAX_DEFAULT,
  startServer,
  WEB_DIR_DEFAULT,
} from './server.js';
export type { RunningServer, ServerOptions } from './server.js';
export { PROBLEM_CONTENT_TYPE, PROBLEM_STATUS, problem, problemType } from './problem.js';
export type { Problem, ProblemCode } from './problem.js';
