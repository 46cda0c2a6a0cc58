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
  ctl users list [TEXT]
                     List the accounts (or those whose nickname or address holds TEXT).
  ctl users create NICK [--password P] [--email ADDRESS]
                     Make an account, open registration or not; without --password one is
                     generated and printed once.
  ctl users disable NICK | enable NICK
                     Stop an account from logging in or acting (its data stays), or undo it.
  ctl users reset-password NICK [--password P]
                     Set a new password (or print a generated one); ends its sessions and tokens.
  ctl users delete NICK
                     Delete an account.
  ctl invites list | create [--days N] | revoke CODE
                     Invite codes for registration: "invite" (single use, 7 days by default).
                     ctl users and ctl invites take --json, and exit 2 on a usage problem.

Options:
  -c, --config FILE  Read settings from this JSON file (pump.io.json keys are accepted).
                     Without it no file is read; environment variables PUMPHOUSE_* and
                     PUMPIO_* override the file. See the README for every key. ctl reads
                     the same settings to find the control socket.
  -h, --help         Show this help.
  -v, --version      Show the version.
`;
