// pug 3 ships no type declarations; this names the one function the renderer uses.
declare module 'pug' {
  /** Options of pug's compile functions that Pumphouse sets. */
  export interface CompileOptions {
    /** Root for absolute `include`/`extends` paths. */
    basedir?: string;
    /** Pretty-printed output; off in production. */
    pretty?: boolean;
    compileDebug?: boolean;
  }
  /** A compiled template: locals in, HTML out. */
  export type CompiledTemplate = (locals?: Record<string, unknown>) => string;
  export function compileFile(path: string, options?: CompileOptions): CompiledTemplate;
}
