// Sidebar badge for a degraded or failing feed; the popover shows the last error.
export function FeedHealthBadge(props: { health: 'healthy' | 'degraded' | 'failing' }) {
  return props.health === 'healthy' ? null : <span className={`badge badge-${props.health}`} />;
}
