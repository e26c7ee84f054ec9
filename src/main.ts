import { loadConfig } from './config.js';
import { runServer } from './runtime/run-server.js';

const demo = process.argv.slice(2).includes('--demo');
runServer(loadConfig(), { demo }).catch((error: unknown) => {
  process.stderr.write(`custos: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
