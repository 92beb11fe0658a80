import { PlaceholderPage } from '../../components/placeholder-page';

/** The Terminals page: SSH sessions to nodes and local shells. */
export function TerminalsPage() {
  return (
    <PlaceholderPage title="Terminals">
      Here you will open SSH terminals to nodes (with managed keys and host-key checks), split panes, and broadcast
      input to many nodes at once.
    </PlaceholderPage>
  );
}
