import { existsSync } from 'node:fs';

import {
  type DeliveryView,
  ListDeliveries,
  type ListDeliveriesQuery,
  RequeueDeliveries,
  type RequeueDeliveriesCommand,
} from '../../application/delivery/delivery-operations';
import { SystemClock } from '../../adapters/system/system-clock';
import type { PumphouseConfig } from '../config/pumphouse-config';
import { openStorage } from '../container/storage.module';

/** What `ctl deliveries ...` asks for: a list, or a requeue. */
export type DeliveriesRequest =
  | { readonly action: 'list'; readonly query: ListDeliveriesQuery }
  | { readonly action: 'retry'; readonly command: RequeueDeliveriesCommand };

const USAGE =
  'ctl deliveries [--failed] [--host HOST] | ctl deliveries retry ID | ctl deliveries retry --host HOST';

/** The request `ctl deliveries <args>` means (args after `deliveries`), or a usage problem. */
export function deliveriesRequest(args: readonly string[]): DeliveriesRequest | { problem: string } {
  const problem = { problem: `usage: ${USAGE}` };
  if (args[0] === 'retry') {
    if (args.length === 2 && !args[1].startsWith('-')) return { action: 'retry', command: { id: args[1] } };
    if (args.length === 3 && args[1] === '--host' && args[2] !== '')
      return { action: 'retry', command: { host: args[2] } };
    return problem;
  }
  let failedOnly = false;
  let host: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === '--failed' && !failedOnly) failedOnly = true;
    else if (args[index] === '--host' && host === undefined && (args[index + 1] ?? '') !== '') {
      host = args[index + 1];
      index += 1;
    } else return problem;
  }
  return { action: 'list', query: host === undefined ? { failedOnly } : { failedOnly, host } };
}

/** The deliveries as lines a person reads: one line each, then its last error indented. */
export function describeDeliveries(views: readonly DeliveryView[]): string {
  if (views.length === 0) return 'no deliveries waiting or failed\n';
  const lines = views.flatMap((view) => {
    const when = view.nextAttempt === null ? 'dead letter' : `next ${view.nextAttempt.toISOString()}`;
    const to = view.inbox ?? `(inbox to discover for ${view.recipients} recipient(s))`;
    const head = `${view.id}  ${view.status}  ${view.host}  attempts ${view.attempts}  ${when}  ${to}`;
    return view.lastError === null ? [head] : [head, `    last error: ${view.lastError}`];
  });
  return `${lines.join('\n')}\n`;
}

interface Output {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * Runs `ctl deliveries` against the store itself, not through the master's control socket. Why: the master holds
 * no database by design (docs/architecture.md §5), so it would have to relay to a worker and wait for it, and a
 * list of failing deliveries is wanted most when workers are unwell or the server is down; the SQLite store is made to be
 * shared by several processes (WAL, every read-then-write in BEGIN IMMEDIATE), and a requeue is one guarded
 * UPDATE that a worker's lease sees at once. The memory driver keeps its data inside the worker, so it is refused
 * with a pointer to the admin page. Answers the exit code: 0 done, 1 refused.
 */
export async function runCtlDeliveries(
  request: DeliveriesRequest,
  config: PumphouseConfig,
  output: Output,
): Promise<number> {
  if (config.driver !== 'sqlite') {
    output.stderr.write(
      `pumphouse: ctl deliveries reads the sqlite store; with driver "${config.driver}" the deliveries live in ` +
        'the server process: use the admin page (/main/admin/deliveries)\n',
    );
    return 1;
  }
  // Opening a missing file would create an empty store: say instead that this configuration has none yet.
  if (!existsSync(config.databaseFile)) {
    output.stderr.write(
      `pumphouse: no database at ${config.databaseFile}; has the server run with this configuration?\n`,
    );
    return 1;
  }
  const storage = openStorage(config, new SystemClock());
  try {
    if (request.action === 'list') {
      output.stdout.write(describeDeliveries(await new ListDeliveries(storage.jobs).execute(request.query)));
    } else {
      const count = await new RequeueDeliveries(storage.jobs).execute(request.command);
      output.stdout.write(`${count} deliver${count === 1 ? 'y' : 'ies'} requeued\n`);
      if (count === 0 && 'id' in request.command) {
        output.stderr.write('pumphouse: no waiting or dead delivery has this id (or it is being sent now)\n');
        return 1;
      }
    }
    return 0;
  } finally {
    await storage.close();
  }
}
