/**
 * A deep copy of a document with the semantics of the durable stores, which keep documents as JSON: properties
 * holding `undefined` vanish, a Date becomes its ISO string, and so on.
 *
 * Why not structuredClone: under jest each test file runs in its own realm, and structuredClone builds its
 * copies from the host realm, so a copied object is not `instanceof Object` there (nor an array `instanceof
 * Array`, nor a Date `instanceof Date`); JSON.parse builds them in the realm of this module, like every other
 * adapter. Answering what SQLite or MongoDB would answer also keeps unit tests on the memory store honest.
 */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
