import { isAbsolute, join, normalize, sep } from 'node:path';

import { type CompiledTemplate, compileFile } from 'pug';

import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/**
 * {@link TemplateRenderer} on pug: `views/<name>.pug` is compiled the first time it is asked for and kept, so a
 * page costs one function call after that.
 *
 * Invariants: pug escapes every `#{}` and `=` interpolation, so locals are escaped unless a template uses `!=`
 * on purpose; a template name is a lower-case relative path of `[a-z0-9-]` segments (never `..`), and an unknown
 * template throws when it is first rendered.
 */
export class PugTemplateRenderer implements TemplateRenderer {
  private readonly compiled = new Map<string, CompiledTemplate>();

  /** @param viewsDir the folder holding the `.pug` files (the project's `views/`). */
  constructor(private readonly viewsDir: string) {
    if (!isAbsolute(viewsDir))
      throw new Error(`PugTemplateRenderer: views folder must be absolute: ${viewsDir}`);
  }

  render(template: string, locals: Readonly<Record<string, unknown>>): string {
    return this.template(template)({ ...locals });
  }

  private template(name: string): CompiledTemplate {
    const cached = this.compiled.get(name);
    if (cached !== undefined) return cached;
    if (!TEMPLATE_NAME.test(name)) throw new Error(`PugTemplateRenderer: bad template name '${name}'`);
    const file = normalize(join(this.viewsDir, ...name.split('/'))) + '.pug';
    if (!file.startsWith(normalize(this.viewsDir) + sep)) {
      throw new Error(`PugTemplateRenderer: template outside the views folder: '${name}'`);
    }
    const compiled = compileFile(file, { basedir: this.viewsDir, compileDebug: false });
    this.compiled.set(name, compiled);
    return compiled;
  }
}
