/**
 * The storage contract against MongoDB. It needs a server (none can be had on the build machines), so it runs
 * only when MONGODB_URL is set, and says plainly when it was skipped (docs/architecture.md §4).
 */
const mongodbUrl = process.env.MONGODB_URL;
const SKIPPED = 'mongodb: skipped, set MONGODB_URL to run';

if (mongodbUrl === undefined || mongodbUrl === '') {
  console.warn(`${SKIPPED} (the storage contract has not been checked against MongoDB).`);
  describe.skip(SKIPPED, () => {
    it('runs the storage contract against MongoDB', () => undefined);
  });
} else {
  describe('mongodb storage contract', () => {
    it('runs against the MongoDB adapter', () => {
      // Replace this block with describeStorageContract('mongodb', ...) once src/adapters/storage/mongodb exists.
      throw new Error(
        'MONGODB_URL is set, but the MongoDB storage adapter does not exist yet (src/adapters/storage/mongodb), ' +
          'so the storage contract cannot run against it.',
      );
    });
  });
}
