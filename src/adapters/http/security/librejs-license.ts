/**
 * LibreJS (docs/runtime.md §3.4) runs a script only if it is free software it can recognise: a first comment
 * `// @license magnet:?xt=urn:btih:<hash>&dn=<name> <SPDX id>` and a last one `// @license-end`.
 */
const LICENSE_START = /^\s*(?:\/\/|\/\*)\s*@license\s+magnet:\?xt=urn:btih:[0-9a-f]{40}&dn=\S+\s+\S+/i;
const LICENSE_END = /(?:\/\/|\/\*)\s*@license-end\s*(?:\*\/)?\s*$/;

/**
 * What keeps LibreJS from recognising a script's license, or null when it carries the magnet comments at its top
 * and bottom.
 */
export function librejsLicenseProblem(source: string): string | null {
  const text = source.replace(/^#!.*\n/, '');
  if (!LICENSE_START.test(text))
    return 'no "@license magnet:?xt=urn:btih:… <name> <SPDX id>" comment at the top';
  if (!LICENSE_END.test(text)) return 'no "@license-end" comment at the bottom';
  return null;
}
