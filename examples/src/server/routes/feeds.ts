// GET /api/feeds: each feed with its health and last error.
export const FEED_FIELDS = ['id', 'title', 'url', 'health', 'lastError'] as const;
