// Per-user read and starred flags (specs/implemented/article-read-state.md).
// Unread is the absence of a row: new articles need no writes.
export interface ReadState {
  userId: number;
  articleId: number;
  readAt: string | null;
  starredAt: string | null;
}
