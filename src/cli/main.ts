import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin.command.ts';
import { registerAgencyCommands } from './commands/agency.command.ts';
import { registerCalendarCommands } from './commands/calendar.command.ts';
import { registerFeeCommands } from './commands/fee.command.ts';
import { registerImportCommands } from './commands/import.command.ts';
import { registerReportCommands } from './commands/report.command.ts';
import { registerRequestCommands } from './commands/request.command.ts';
import { registerStartCommand } from './commands/start.command.ts';

const program = new Command();
program
  .name('gongkai')
  .description('Gongkai 公开：政府信息公开系统')
  .version('0.1.0')
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error:/, '错误：')) })
  .showHelpAfterError();

registerStartCommand(program);
registerAdminCommands(program);
registerCalendarCommands(program);
registerAgencyCommands(program);
registerFeeCommands(program);
registerRequestCommands(program);
registerReportCommands(program);
registerImportCommands(program);

await program.parseAsync(process.argv);
