/**
 * How a pump.io peer reads an `Authorization: Dialback …` header, per docs/protocol.md §7.6: everything after the
 * scheme is split into fields on `", "`, each field on `=` (only the first two pieces count), and the quotes
 * around a value are dropped. Written from that description, for wire-format tests: what we send must come out
 * of it unchanged.
 */
export function pumpIoDialbackFields(header: string): Record<string, string> {
  const prefix = 'Dialback ';
  if (!header.startsWith(prefix)) throw new Error(`pump.io would not read ${header} as Dialback`);
  const fields: Record<string, string> = {};
  for (const field of header.slice(prefix.length).split('", ')) {
    const [name, value = ''] = field.split('=');
    fields[name] = value.replace(/^"/, '').replace(/"$/, '');
  }
  return fields;
}
