/**
 * The `ctl` commands answered by the store, about accounts: `users ...` and `invites ...`. Apart from
 * ctl-accounts.command.ts so that main.ts can route them without loading the container.
 */
export const ACCOUNT_COMMANDS: ReadonlySet<string> = new Set(['users', 'invites']);
