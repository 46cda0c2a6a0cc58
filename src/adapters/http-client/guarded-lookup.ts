import { promises as dns } from 'node:dns';
import { type LookupFunction } from 'node:net';
import { DestinationRefusedError } from '../../application/ports/outbound-http.port';
import { type DestinationPolicy } from './destination-policy';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has; injectable so tests can play any DNS answer. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for node:net that answers only addresses the policy accepts. The socket connects to exactly the
 * addresses this function hands it, so checking here (rather than in a separate resolution before the request)
 * leaves no window for a DNS rebind. Every address of the answer is checked, not only the first: with
 * autoSelectFamily the socket may try any of them.
 */
export function guardedLookup(resolve: HostResolver, policy: DestinationPolicy, url: string): LookupFunction {
  return (hostname, options, callback) => {
    const answer = (error: NodeJS.ErrnoException | null, addresses: ResolvedAddress[] = []): void => {
      if (error) return callback(error, '', 0);
      if (options.all) return (callback as unknown as AllCallback)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    };
    resolve(hostname).then(
      (resolved) => {
        const wanted = resolved.filter(({ family }) => !options.family || family === options.family);
        if (wanted.length === 0) return answer(notFound(hostname));
        for (const { address } of wanted) {
          const refusal = policy.refusalOf(address);
          if (refusal) {
            return answer(
              new DestinationRefusedError(`${hostname} resolves to ${address} (${refusal})`, url),
            );
          }
        }
        answer(null, wanted);
      },
      (error: NodeJS.ErrnoException) => answer(error),
    );
  };
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: ResolvedAddress[]) => void;

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`no address found for ${hostname}`), { code: 'ENOTFOUND' });
}
