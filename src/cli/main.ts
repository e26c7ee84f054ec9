import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { runServer } from '../runtime/run-server.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerBookCommands } from './book-commands.js';
import { registerCaseCommands } from './case-commands.js';
import { registerComplianceCommands } from './compliance-commands.js';
import { registerControlCommands } from './control-commands.js';
import { registerInstructionCommands } from './instruction-commands.js';
import { registerKeyCommands } from './key-commands.js';
import { registerMonitorCommands } from './monitor-commands.js';
import { registerPolCommands } from './pol-commands.js';
import { registerPortalCommands } from './portal-commands.js';
import { registerScreenCommands } from './screen-commands.js';
import { registerReconCommands } from './recon-commands.js';
import { registerReportCommands } from './report-commands.js';
import { registerComplaintCommands } from './complaint-commands.js';
import { registerRiskRatingCommands } from './risk-rating-commands.js';
import { registerRiskModelCommands } from './risk-model-commands.js';
import { registerRiskCommands } from './risk-commands.js';
import { registerSimulateCommands } from './simulate-commands.js';
import type { GlobalOptions } from './run-command.js';

const program = new Command('custos')
  .description('Custos: fund-custody books, user-authorized instructions, freezes and approvals')
  .option('--json', 'print JSON instead of tables')
  .option('--as <name>', 'act as this member of staff when opening the data folder directly', 'cli')
  .showHelpAfterError();
const kit = { program, global: (): GlobalOptions => program.opts<GlobalOptions>() };

program
  .command('serve')
  .description('start the server (same as npm start)')
  .option('--demo', 'create and run a demo platform')
  .action(async (options: { demo?: boolean }) =>
    runServer(loadConfig(), { demo: options.demo === true }),
  );
program
  .command('demo')
  .description('start the server with a living demo platform')
  .action(async () => runServer(loadConfig(), { demo: true }));
registerBookCommands(kit);
registerInstructionCommands(kit);
registerControlCommands(kit);
registerReconCommands(program);
registerAuditCommands(program);
registerKeyCommands(program);
registerCaseCommands(program);
registerSimulateCommands(program);
registerMonitorCommands(program);
registerReportCommands(program);
registerComplaintCommands(program);
registerComplianceCommands(program);
registerRiskRatingCommands(program);
registerRiskModelCommands(program);
registerRiskCommands(program);
registerPolCommands(program);
registerPortalCommands(program);
registerScreenCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`custos: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
