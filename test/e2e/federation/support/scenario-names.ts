/**
 * The scenarios that run inside the namespace, by title. The jest file outside (federation.test.ts) has one test
 * per title and passes or fails it with the result of the run inside, so every title here must be a test title
 * there too (scenario files use these constants for their `it` titles).
 */
export const SCENARIOS = {
  namesOnPort80: 'each node answers on port 80 under its own name, and reads the other one by name',
  peerDiscovery: "pump.io's webfinger library finds a Pumphouse user and the test peer's user",
  peerSelfCheck:
    'the test peer registers with itself through Dialback and accepts its own signed delivery, as pump.io would',
  followBothWays: 'follow both ways: alice@a.test follows bob@b.test and bob follows back',
  postsBothWays: 'a post reaches the inbox of a follower on the other node, both ways',
  repliesBothWays: 'a reply reaches the author of the note on the other node, both ways',
  likesBothWays: 'a like reaches the author of the note on the other node, both ways',
  sharesBothWays: 'a share reaches the author of the note on the other node, both ways',
  followersOnly: 'a followers-only post reaches a follower on the other node and no non-follower there',
  deletedAccount:
    'a deleted account: its follower on the other node gets the delete of the person, and its note there is a tombstone',
  nodeDown: 'a node down for a while gets the deliveries made meanwhile once it is back',
  workerKilled: 'kill -9 of a worker mid-delivery: nothing is lost or duplicated',
  peerFollowsPumphouse: "the pump.io peer's user follows a Pumphouse user and receives their next post",
  pumphouseFollowsPeer:
    "a Pumphouse user follows the pump.io peer's user and receives the peer's post in their inbox",
  browserFollowAndSee:
    "in Chromium, alice follows bob@b.test from a.test's home page and sees his note with his name, a link to his home page and his avatar through a.test's proxy",
  browserReply:
    "in Chromium, alice replies to bob's note from a.test's web UI and bob sees the reply on b.test's",
  browserHostileName: 'in Chromium, the hostile display name of a remote person shows as text, not HTML',
} as const;

/** The scenarios that drive Chromium: skipped, with a message, where it is not installed. */
export const BROWSER_SCENARIOS: ReadonlySet<string> = new Set([
  SCENARIOS.browserFollowAndSee,
  SCENARIOS.browserReply,
  SCENARIOS.browserHostileName,
]);

/** Where the run inside writes its results and keeps its nodes: set by the jest file outside. */
export const WORK_FOLDER_VARIABLE = 'FEDERATION_E2E_WORK';
