/** One thing wrong with the configuration: which key, what is wrong, and where the value came from. */
export interface ConfigProblem {
  /** The setting, dotted for nested values (`hsts.maxAge`, `clients.0.client_id`). */
  readonly key: string;
  /** What is wrong, without the key (e.g. "must be an integer"). */
  readonly message: string;
  /** Where the value came from: "config file /etc/pump.io.json", "environment variable PUMPIO_PORT", ... */
  readonly source: string;
}

/**
 * The configuration cannot be used. It carries every problem found, not just the first, so an admin fixes them in
 * one go; the message names each key and its source. Nothing has listened or opened storage when it is thrown.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      ['Invalid configuration:', ...problems.map((p) => `  - ${p.key}: ${p.message} (${p.source})`)].join(
        '\n',
      ),
    );
    this.name = 'ConfigError';
  }
}

/** Describes a config file as a source. */
export const fileSource = (path: string): string => `config file ${path}`;
/** Describes an environment variable as a source. */
export const envSource = (variable: string): string => `environment variable ${variable}`;
