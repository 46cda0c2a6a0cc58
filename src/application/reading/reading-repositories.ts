import type { Repositories } from '../ports/storage/unit-of-work.port';

/**
 * The storage ports the read side needs. Reads never open a unit of work: each page is read from the plain
 * repositories, which a composition root may point at a replica or a cache without touching the writers.
 */
export type ReadingRepositories = Pick<
  Repositories,
  'users' | 'objects' | 'activities' | 'streams' | 'follows'
>;
