/** Batch reads shared by the read models: one lookup for many ids, then the viewer's filter. */

/** The items of `ids` that are stored, in the order of `ids`, read in one batch. */
export async function loadInOrder<T>(
  ids: string[],
  findMany: (ids: string[]) => Promise<Map<string, T>>,
): Promise<T[]> {
  if (ids.length === 0) {
    return [];
  }
  const found = await findMany(ids);
  return ids.flatMap((id) => {
    const item = found.get(id);
    return item === undefined ? [] : [item];
  });
}

/** The items `visible` accepts, in order, judged concurrently. */
export async function keepVisible<T>(items: T[], visible: (item: T) => Promise<boolean>): Promise<T[]> {
  const flags = await Promise.all(items.map(visible));
  return items.filter((_, index) => flags[index]);
}
