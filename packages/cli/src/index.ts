export { run } from './main.js';
export { createProgram } from './program.js';
export { CliError, ExitCode } from './exit-codes.js';
