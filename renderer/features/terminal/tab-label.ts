import type { SessionView } from './terminal-store';

/**
 * The part of a node id that tells nodes apart: the last 6 hex digits of a Batch id (`tvmps_<64 hex>_d` → `a8875f`),
 * else the last 6 characters.
 */
export function shortNodeId(nodeId: string): string {
  const batch = /^[a-z]+_([0-9a-f]{6,})_[a-z]$/i.exec(nodeId);
  const core = batch?.[1] ?? nodeId;
  return core.length <= 6 ? core : core.slice(-6);
}

/**
 * What a tab says (`pool · a8875f · alice`; with `showAccount`, when more than one account is configured, the account's
 * name first) and its tooltip (everything, the whole node id included).
 */
export function tabLabel(
  session: Pick<SessionView, 'label' | 'node'>,
  accountName: string | undefined,
  showAccount: boolean,
): { short: string; full: string } {
  const node = session.node;
  if (!node) return { short: session.label, full: session.label };
  const command = node.command ? ` · ${node.command.length > 16 ? `${node.command.slice(0, 15)}…` : node.command}` : '';
  const short = `${node.poolId} · ${shortNodeId(node.nodeId)} · ${node.user}${command}`;
  const account = accountName ?? node.accountId;
  const full = `${node.user} on ${node.nodeId} in pool ${node.poolId}, account ${account}${node.command ? `, running ${node.command}` : ''}`;
  return { short: showAccount ? `${account}: ${short}` : short, full };
}
