/** The text of `pumphouse --help`. */
export const USAGE = `Usage: pumphouse <command> [options]

Commands:
  start              Run the server (one process) until SIGTERM or SIGINT.

Options:
  -c, --config FILE  Read settings from this JSON file (pump.io.json keys are accepted).
                     Without it no file is read; environment variables PUMPHOUSE_* and
                     PUMPIO_* override the file. See the README for every key.
  -h, --help         Show this help.
  -v, --version      Show the version.
`;
