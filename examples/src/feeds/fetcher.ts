// Fetches one feed; every attempt returns an outcome instead of throwing (feed health checks).
export type FetchOutcome =
  | { ok: true; status: number; fetchedAt: string }
  | { ok: false; error: 'dns' | 'tls' | 'timeout' | 'http'; status?: number; fetchedAt: string };
