/**
 * The ActivityPub e2e suite's scenarios, by title: the jest file outside (activitypub.test.ts) has one test per
 * title and passes or fails it with the result of the run inside.
 */
export const AP_SCENARIOS = {
  discovery:
    'the Fedify peer finds a Pumphouse user by WebFinger over HTTPS and reads their actor and public key',
  signatureByPumphouseKey:
    "the Fedify peer's inbox verifies a request signed with the Pumphouse user's key, fetched over HTTPS",
  peerFollows: 'the Fedify peer follows a Pumphouse user and gets an Accept',
  postReachesPeer: "the Pumphouse user's post reaches the Fedify peer as a Create of a Note",
  peerNoteReachesPumphouse: "the Fedify peer's note addressed to the Pumphouse user reaches their inbox",
  replyReachesPeer: "the Pumphouse user's reply to the peer's note reaches the peer, inReplyTo that note",
  likeReachesPeer: "the Pumphouse user's like of the peer's note reaches the peer as a Like",
  boostReachesPeer: "the Pumphouse user's share of the peer's note reaches the peer as an Announce",
  followBack: 'the Pumphouse user follows the Fedify peer back and the peer accepts',
  peerPostsToFollowers: "the peer's post to its followers reaches the Pumphouse user's inbox",
  undoLike: "the Pumphouse user's unfavorite reaches the peer as an Undo of the Like",
  pumpioPeerSameRun:
    "in the same run, the pump.io peer's user follows the HTTPS Pumphouse user and receives their next post",
} as const;

/** Where the TLS files of the run are: set by the jest file outside. */
export const TLS_FOLDER_VARIABLE = 'ACTIVITYPUB_E2E_TLS';

/** The names in the namespace this suite uses (test/e2e/federation/support/namespace.ts lists them). */
export const PUMPHOUSE_HOST = 'a.test';
export const PEER_HOST = 'fedify.test';
