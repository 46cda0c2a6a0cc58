import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

import type { Principal } from '../../application/auth/principal';
import { Storage } from '../../application/ports/storage/unit-of-work.port';
import { isDomainError } from '../../domain/errors/domain-error';
import { loadConfig } from '../config/config.loader';
import type { PumphouseConfig } from '../config/pumphouse-config';
import { createContainer } from '../container/container';
import { type UseCases, UseCasesToken } from '../container/use-cases';
import { describeAccounts, describeInvites } from './ctl-accounts.output';

export { ACCOUNT_COMMANDS } from './ctl-account-names';

export const ACCOUNTS_USAGE = `ctl users list [TEXT] | create NICK [--password P] [--email ADDRESS]
    | disable NICK | enable NICK | reset-password NICK [--password P] | delete NICK
ctl invites list | create [--days N] | revoke CODE
(each with [--json] [-c FILE])`;

interface Output {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** What `ctl users|invites` runs with: the words after `ctl`, and the world of the command. */
export interface CtlAccountsOptions extends Output {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** One parsed command: what to do, on what, and how to answer. */
interface AccountsRequest {
  readonly group: 'users' | 'invites';
  readonly action: string;
  readonly target: string | undefined;
  readonly password?: string;
  readonly email?: string;
  readonly days?: number;
  readonly json: boolean;
  readonly configFile?: string;
}

const NEEDS_TARGET: Readonly<Record<string, readonly string[]>> = {
  users: ['create', 'disable', 'enable', 'reset-password', 'delete'],
  invites: ['revoke'],
};
const ACTIONS: Readonly<Record<string, readonly string[]>> = {
  users: ['list', ...NEEDS_TARGET.users],
  invites: ['list', 'create', ...NEEDS_TARGET.invites],
};

/** The request of `ctl users|invites <args>`, or a usage problem. */
export function accountsRequest(args: readonly string[]): AccountsRequest | { problem: string } {
  const problem = { problem: `usage: ${ACCOUNTS_USAGE}` };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        config: { type: 'string', short: 'c' },
        json: { type: 'boolean' },
        password: { type: 'string' },
        email: { type: 'string' },
        days: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return { problem: `${(error as Error).message}\nusage: ${ACCOUNTS_USAGE}` };
  }
  const { values, positionals } = parsed;
  const [group, action, target, ...rest] = positionals;
  if (group !== 'users' && group !== 'invites') return problem;
  if (action === undefined || !ACTIONS[group].includes(action) || rest.length > 0) return problem;
  const needsTarget = NEEDS_TARGET[group].includes(action);
  if (
    needsTarget ? target === undefined : target !== undefined && !(group === 'users' && action === 'list')
  ) {
    return problem;
  }
  const takesPassword = group === 'users' && (action === 'create' || action === 'reset-password');
  if (values.password !== undefined && !takesPassword) return problem;
  if (values.email !== undefined && !(group === 'users' && action === 'create')) return problem;
  if (values.days !== undefined && !(group === 'invites' && action === 'create')) return problem;
  if (values.days !== undefined && !/^\d+$/.test(values.days))
    return { problem: '--days takes a whole number' };
  return {
    group,
    action,
    target,
    json: values.json === true,
    ...(values.password !== undefined && { password: values.password }),
    ...(values.email !== undefined && { email: values.email }),
    ...(values.days !== undefined && { days: Number(values.days) }),
    ...(values.config !== undefined && { configFile: values.config }),
  };
}

/** The principal of the console: nobody signed in; the admin flag of each command says who acts. */
const CONSOLE: Principal = { clientId: null, user: null, remoteActor: null, generator: null };
const CONSOLE_NAME = 'console';

/**
 * `pumphouse ctl users ...` and `ctl invites ...`: runs the admin use cases against the store itself, as
 * `ctl deliveries` does and for the same reasons (the master holds no database; the SQLite store is made to be
 * shared by several processes, and a running server sees every change at once). The memory driver keeps its data
 * inside the server process, so it is refused with a pointer to the admin pages. Answers the exit code: 0 done,
 * 1 refused (unknown user, bad password, no store...), 2 a usage problem.
 */
export async function runCtlAccounts(options: CtlAccountsOptions): Promise<number> {
  const request = accountsRequest(options.args);
  if ('problem' in request) {
    options.stderr.write(`pumphouse: ${request.problem}\n`);
    return 2;
  }
  let config: PumphouseConfig;
  try {
    config = loadConfig({ configFile: request.configFile, env: options.env, cwd: options.cwd });
  } catch (error) {
    options.stderr.write(`pumphouse: ${(error as Error).message}\n`);
    return 1;
  }
  if (config.driver !== 'sqlite') {
    options.stderr.write(
      `pumphouse: ctl ${request.group} works on the sqlite store; with driver "${config.driver}" the accounts ` +
        'live in the server process: use the admin pages (/main/admin/users)\n',
    );
    return 1;
  }
  if (!existsSync(config.databaseFile)) {
    options.stderr.write(
      `pumphouse: no database at ${config.databaseFile}; has the server run with this configuration?\n`,
    );
    return 1;
  }
  const container = createContainer({ ...config, logLevel: 'silent' });
  const storage = container.get<Storage>(Storage);
  try {
    const useCases = container.get<UseCases>(UseCasesToken);
    const answer = await run(request, useCases);
    options.stdout.write(request.json ? `${JSON.stringify(answer.json, null, 2)}\n` : answer.text);
    return 0;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    options.stderr.write(`pumphouse: refused: ${error.message}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}

interface Answer {
  readonly text: string;
  readonly json: unknown;
}

async function run(request: AccountsRequest, useCases: UseCases): Promise<Answer> {
  return request.group === 'users' ? runUsers(request, useCases) : runInvites(request, useCases);
}

async function runUsers(request: AccountsRequest, useCases: UseCases): Promise<Answer> {
  const { admin, users, publishing } = useCases;
  const nickname = request.target ?? '';
  switch (request.action) {
    case 'list': {
      const accounts = await admin.listAccounts.execute(request.target ?? '');
      return { text: describeAccounts(accounts), json: accounts };
    }
    case 'create': {
      const chosen = request.password ?? generatedPassword(useCases);
      await publishing.registerUser.execute({
        body: { nickname, password: chosen, ...(request.email !== undefined && { email: request.email }) },
        clientId: null,
        byAdmin: true,
      });
      const shown = request.password === undefined ? chosen : null;
      return {
        text: `created user ${nickname}\n${shown === null ? '' : `password: ${shown} (shown only now)\n`}`,
        json: { nickname, email: request.email ?? null, password: shown },
      };
    }
    case 'disable':
    case 'enable': {
      const account = await admin.setAccountDisabled.execute(nickname, request.action === 'disable');
      return { text: `${request.action}d user ${nickname}\n`, json: account };
    }
    case 'reset-password': {
      const reset = await admin.resetPassword.execute(nickname, request.password);
      const shown = reset.generatedPassword;
      return {
        text:
          `reset the password of ${nickname}; its sessions and tokens are ended\n` +
          (shown === null ? '' : `password: ${shown} (shown only now)\n`),
        json: { nickname, password: shown },
      };
    }
    default: {
      await users.deleteUser.execute({ principal: CONSOLE, nickname, byAdmin: true });
      return { text: `deleted user ${nickname}\n`, json: { nickname, deleted: true } };
    }
  }
}

/** The password `create` makes when none is given: as an admin's reset makes one. */
function generatedPassword(useCases: UseCases): string {
  return useCases.admin.resetPassword.generatePassword();
}

async function runInvites(request: AccountsRequest, useCases: UseCases): Promise<Answer> {
  const { admin } = useCases;
  switch (request.action) {
    case 'list': {
      const invites = await admin.listInvites.execute();
      return { text: describeInvites(invites, new Date()), json: invites };
    }
    case 'create': {
      const invite = await admin.createInvite.execute(CONSOLE_NAME, request.days);
      return { text: `invite code: ${invite.code} (expires ${invite.expires})\n`, json: invite };
    }
    default: {
      await admin.revokeInvite.execute(request.target ?? '');
      return {
        text: `revoked invite ${request.target ?? ''}\n`,
        json: { code: request.target, revoked: true },
      };
    }
  }
}
