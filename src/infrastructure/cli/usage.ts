/** The text of `pumphouse --help`. */
export const USAGE = `Usage: pumphouse <command> [options]

Commands:
  start              Run the server: a master and its workers, until SIGTERM or SIGINT.
                     SIGUSR2 to the master restarts the workers one at a time (no downtime).
  ctl restart        Restart the workers one at a time, like SIGUSR2.
  ctl status         Show the workers, their pids and uptimes, and the restart state.
  ctl loglevel LEVEL Set the log level of the running server (fatal error warn info debug trace).
  ctl deliveries [--failed] [--host HOST]
                     List remote deliveries that are queued, retrying or dead, with their last error.
  ctl deliveries retry ID|--host HOST
                     Requeue one delivery, or every waiting and dead delivery to a host.

Options:
  -c, --config FILE  Read settings from this JSON file (pump.io.json keys are accepted).
                     Without it no file is read; environment variables PUMPHOUSE_* and
                     PUMPIO_* override the file. See the README for every key. ctl reads
                     the same settings to find the control socket.
  -h, --help         Show this help.
  -v, --version      Show the version.
`;
