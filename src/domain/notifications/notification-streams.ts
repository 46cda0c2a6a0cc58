/**
 * The stream that holds a user's notifications mark: the inbox position they last saw the notifications page at
 * (its newest item only counts). A user stream name (`user:<nick>:...`, docs/runtime.md §4) no other kind uses.
 */
export function notificationsSeenStreamName(nickname: string): string {
  return `user:${nickname}:notifications:seen`;
}
