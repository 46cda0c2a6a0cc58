import type { Checklist, Probe } from './checklist';
import type { Exchange } from './recording-proxy';

/**
 * Checks on what the recording proxies saw, for what the client API cannot show: the signed GETs one server
 * makes to fetch the other's profiles and objects. pump.io reads only an `application/json` answer (spec §7.3)
 * and answers ActivityStreams 2.0 (`application/ld+json`) to a request whose Accept header names
 * `application/json` but not `application/stream+json` (spec §10.4), so a fetch that sends such a header never
 * gets a usable copy; the inbox deliveries still work, which is why only the wire shows it.
 */
export async function checkSignedFetches(
  list: Checklist,
  exchanges: () => readonly Exchange[],
  fetcher: string,
  holder: { name: string; host: string },
): Promise<void> {
  await list.check(
    `${fetcher}'s signed GETs of objects answered application/json`,
    `${fetcher} → ${holder.name}`,
    async () => signedGetsAnsweredJson(exchanges(), holder.host),
  );
}

function signedGetsAnsweredJson(exchanges: readonly Exchange[], holder: string): Probe {
  const fetches = exchanges.filter(
    (exchange) =>
      exchange.from === 'peer' &&
      exchange.node === holder &&
      exchange.method === 'GET' &&
      exchange.url.startsWith('/api/') &&
      /^OAuth /.test(header(exchange.requestHeaders, 'authorization') ?? ''),
  );
  if (fetches.length === 0) return { ok: false, detail: 'no signed GET seen yet' };
  const wrong = fetches.filter(
    (exchange) => !/^application\/json/.test(header(exchange.responseHeaders, 'content-type') ?? ''),
  );
  if (wrong.length === 0) return { ok: true, detail: `${fetches.length} GETs` };
  const example = wrong[0] as Exchange;
  return {
    ok: false,
    final: true,
    detail:
      `${wrong.length} of ${fetches.length} answered otherwise, e.g. ${example.url} → ` +
      `${header(example.responseHeaders, 'content-type')} (request Accept: ` +
      `${header(example.requestHeaders, 'accept') ?? 'none'})`,
  };
}

function header(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}
