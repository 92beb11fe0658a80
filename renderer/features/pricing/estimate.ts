import type { VmPriceEstimate } from '../../../contract/features/pricing';

/** Hours in the month of an estimate: Azure's pricing calculator uses 730 (365 × 24 / 12). */
export const hoursPerMonth = 730;

/** One line of a cost estimate: dedicated or Spot nodes at their per-node price. */
export interface CostLine {
  kind: 'dedicated' | 'spot';
  nodes: number;
  /** Per node per hour; undefined when the region lists no such price. */
  perNodeHour?: number;
  perHour?: number;
  perMonth?: number;
}

/** What a pool of `dedicatedNodes` + `spotNodes` nodes costs; a total only when every needed price is known. */
export interface CostEstimate {
  lines: CostLine[];
  perHour?: number;
  perMonth?: number;
}

function line(kind: CostLine['kind'], nodes: number, perNodeHour: number | undefined): CostLine {
  if (perNodeHour === undefined) return { kind, nodes };
  const perHour = perNodeHour * nodes;
  return { kind, nodes, perNodeHour, perHour, perMonth: perHour * hoursPerMonth };
}

/** Multiplies the per-node hourly prices by the node counts, per hour and per month (730 hours). */
export function estimateCost(price: Pick<VmPriceEstimate, 'perHourDedicated' | 'perHourSpot'>, dedicatedNodes: number, spotNodes: number): CostEstimate {
  const lines = [line('dedicated', dedicatedNodes, price.perHourDedicated), line('spot', spotNodes, price.perHourSpot)];
  const needed = lines.filter((l) => l.nodes > 0);
  if (needed.some((l) => l.perHour === undefined)) return { lines };
  const perHour = needed.reduce((sum, l) => sum + (l.perHour ?? 0), 0);
  return { lines, perHour, perMonth: perHour * hoursPerMonth };
}

/** Money as the operator reads it: "$0.0192" per hour keeps small prices visible, "$140.16" per month. */
export function formatMoney(amount: number, currency: string, precise = false): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: precise ? 4 : 2,
  }).format(amount);
}
