// Feed health from the last ten fetch outcomes: 3 or more failures degraded, 8 or more failing.
export type Health = 'healthy' | 'degraded' | 'failing';

export function healthOf(failuresInLastTen: number): Health {
  if (failuresInLastTen >= 8) return 'failing';
  return failuresInLastTen >= 3 ? 'degraded' : 'healthy';
}
