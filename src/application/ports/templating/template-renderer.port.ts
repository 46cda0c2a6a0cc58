/**
 * Renders a named page template to HTML.
 *
 * Every adapter honours: `template` is a path relative to the views folder without extension (`oauth/login`);
 * every value in `locals` is escaped on output unless the template deliberately marks it as trusted HTML; an
 * unknown template throws (a programming error, never user input).
 */
export interface TemplateRenderer {
  render(template: string, locals: Readonly<Record<string, unknown>>): string;
}
export const TemplateRenderer = Symbol('TemplateRenderer');
