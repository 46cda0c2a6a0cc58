import type { Executor } from './connection-gate';

/** The synchronous body of an async port: the same methods, answering their result directly. */
export type Synchronous<Port> = {
  [Name in keyof Port]: Port[Name] extends (...args: infer Args) => Promise<infer Result>
    ? (...args: Args) => Result
    : never;
};

/** Every method name of a port, listed once; the compiler rejects a list that misses or invents one. */
export type PortMethods<Port> = Readonly<Record<keyof Port, true>>;

/**
 * Makes the async port out of its synchronous body: each call goes through `execute`, which decides when the
 * body runs (at once, after the unit of work in progress, or inside the open transaction).
 *
 * Invariant: the port exposes exactly the methods listed, and a body's exception always arrives as a rejection.
 */
export function bindPort<Port>(body: Synchronous<Port>, methods: PortMethods<Port>, execute: Executor): Port {
  const port: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  const callable = body as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(methods)) {
    const method = callable[name];
    port[name] = (...args) => execute(() => method.apply(body, args));
  }
  return port as unknown as Port;
}
