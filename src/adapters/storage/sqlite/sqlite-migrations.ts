/** One step of the schema: applied once, in order, and never edited after it shipped (add a new step instead). */
export interface SqliteMigration {
  /** 1, 2, 3, ...: the `user_version` the database has once this step is applied. */
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/**
 * The schema of the SQLite store, as an ordered list of steps.
 *
 * Invariants: versions are consecutive from 1; a shipped step is never changed. Documents are JSON text; the other
 * columns exist only to be looked up, ordered or swept by an index. Times are epoch milliseconds.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description: 'documents: users, objects, activities',
    sql: `
      CREATE TABLE users (
        nickname   TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL UNIQUE,
        doc        TEXT NOT NULL
      );
      CREATE TABLE objects (
        id  TEXT PRIMARY KEY,
        doc TEXT NOT NULL
      );
      -- seq keeps the order of first save, which decides which post/create of an object is its creation.
      CREATE TABLE activities (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        id        TEXT NOT NULL UNIQUE,
        verb      TEXT NOT NULL,
        object_id TEXT,
        doc       TEXT NOT NULL
      );
      CREATE INDEX activities_by_object_verb ON activities (object_id, verb);
    `,
  },
  {
    version: 2,
    description: 'streams: dense positions and a count per stream',
    sql: `
      -- pos runs 0..count-1 in order of first append, with no gaps, so a page is a range seek on (stream, pos).
      CREATE TABLE stream_items (
        stream TEXT NOT NULL,
        item   TEXT NOT NULL,
        pos    INTEGER NOT NULL,
        PRIMARY KEY (stream, item)
      ) WITHOUT ROWID;
      -- Not UNIQUE: a removal shifts the newer positions down one by one, which a unique index could refuse
      -- half-way. Density is kept by the code, inside IMMEDIATE transactions.
      CREATE INDEX stream_items_by_pos ON stream_items (stream, pos);
      CREATE TABLE stream_counts (
        stream TEXT PRIMARY KEY,
        count  INTEGER NOT NULL CHECK (count >= 0)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'oauth: clients, request tokens, access tokens',
    sql: `
      CREATE TABLE oauth_clients (
        id  TEXT PRIMARY KEY,
        doc TEXT NOT NULL
      );
      CREATE TABLE request_tokens (
        token     TEXT PRIMARY KEY,
        client_id TEXT NOT NULL,
        updated   TEXT NOT NULL,
        doc       TEXT NOT NULL
      );
      CREATE INDEX request_tokens_by_client_updated ON request_tokens (client_id, updated);
      CREATE TABLE access_tokens (
        token     TEXT PRIMARY KEY,
        client_id TEXT NOT NULL,
        nickname  TEXT NOT NULL,
        doc       TEXT NOT NULL,
        UNIQUE (client_id, nickname)
      );
      CREATE INDEX access_tokens_by_nickname ON access_tokens (nickname);
    `,
  },
  {
    version: 4,
    description: 'expiring records: oauth nonces and web sessions',
    sql: `
      -- key is the JSON array [clientId, token, timestamp, nonce]: unambiguous even when token is null.
      CREATE TABLE oauth_nonces (
        key        TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX oauth_nonces_by_expiry ON oauth_nonces (expires_at);
      CREATE TABLE sessions (
        sid        TEXT PRIMARY KEY,
        data       TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    `,
  },
  {
    version: 5,
    description: 'durable job queue with leases',
    sql: `
      -- seq breaks runAt ties by creation; lease_* are all null while nobody holds the job.
      CREATE TABLE jobs (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        id            TEXT NOT NULL UNIQUE,
        queue         TEXT NOT NULL,
        payload       TEXT NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
        run_at        INTEGER NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        created       INTEGER NOT NULL,
        updated       INTEGER NOT NULL,
        dedupe_key    TEXT,
        holder        TEXT,
        lease_id      TEXT,
        lease_expires INTEGER,
        UNIQUE (queue, dedupe_key)
      );
      CREATE INDEX jobs_due ON jobs (queue, run_at, seq) WHERE state = 'pending';
      CREATE INDEX jobs_by_queue_state ON jobs (queue, state);
    `,
  },
  {
    version: 6,
    description: 'users: nicknames unique without regard to case',
    sql: `
      -- Not UNIQUE: a store written before this rule may hold case variants already, and must still open. New
      -- ones are refused by the insert itself (SqliteUserRepository), which this index makes a lookup.
      CREATE INDEX users_by_nickname_key ON users (lower(nickname));
    `,
  },
  {
    version: 7,
    description: 'jobs: concurrency groups (the host a delivery goes to)',
    sql: `
      ALTER TABLE jobs ADD COLUMN group_key TEXT;
      -- Counting the held jobs of a group at lease time, and listing or requeueing a group.
      CREATE INDEX jobs_by_group ON jobs (queue, group_key, state, lease_expires) WHERE group_key IS NOT NULL;
    `,
  },
  {
    version: 8,
    description: 'federation: Dialback tokens we sent, OAuth credentials we hold at other servers',
    sql: `
      -- key is the JSON array [url, identity, token, dateMs] (see MemoryDialbackTokenRepository's sentTokenKey).
      CREATE TABLE dialback_tokens (
        key        TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX dialback_tokens_by_expiry ON dialback_tokens (expires_at);
      CREATE TABLE remote_clients (
        host          TEXT NOT NULL,
        identity      TEXT NOT NULL,
        client_id     TEXT NOT NULL,
        client_secret TEXT NOT NULL,
        created       TEXT NOT NULL,
        PRIMARY KEY (host, identity)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    description: 'OAuth 2: authorization codes and bearer tokens, by the digest of the secret',
    sql: `
      -- The key is the SHA-256 digest of the code or token (SecretDigest): the secret itself is never stored.
      CREATE TABLE oauth2_codes (
        digest     TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL,
        doc        TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX oauth2_codes_by_expiry ON oauth2_codes (expires_at);
      CREATE TABLE bearer_tokens (
        digest     TEXT PRIMARY KEY,
        nickname   TEXT,
        expires_at INTEGER,
        doc        TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX bearer_tokens_by_nickname ON bearer_tokens (nickname) WHERE nickname IS NOT NULL;
      CREATE INDEX bearer_tokens_by_expiry ON bearer_tokens (expires_at) WHERE expires_at IS NOT NULL;
    `,
  },
  {
    version: 10,
    description: 'ActivityPub: one signing key pair per local actor',
    sql: `
      -- PEM text: the public key in SPKI form, the private key in PKCS #8 (docs/activitypub.md §3).
      CREATE TABLE actor_keys (
        nickname        TEXT PRIMARY KEY,
        public_key_pem  TEXT NOT NULL,
        private_key_pem TEXT NOT NULL,
        created         TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    description: 'admin tools: invite codes, reports of posts and people',
    sql: `
      CREATE TABLE invites (
        code    TEXT PRIMARY KEY,
        created TEXT NOT NULL,
        doc     TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE reports (
        id      TEXT PRIMARY KEY,
        status  TEXT NOT NULL,
        created TEXT NOT NULL,
        doc     TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX reports_by_status ON reports (status, created);
    `,
  },
  {
    version: 12,
    description: 'account lifecycle: the sessions of a user, found when the account is deleted',
    sql: `
      CREATE INDEX sessions_by_user ON sessions (json_extract(data, '$.user.nickname'));
    `,
  },
];
