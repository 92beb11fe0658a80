import { parseVmSize, type VmSizeParts } from './vm-size-name';

export { parseVmSize, vmFamilyOf, type VmSizeParts } from './vm-size-name';

/**
 * What Azure Batch is retiring, as pure data and functions shared by main and the renderer: VM families on Batch's
 * retirement list, node agent SKUs (operating systems) whose Batch support ends, and images at or near their
 * `batchSupportEndOfLife`. Dates come from the Azure/Batch notices named in each entry; where a notice gives no date
 * the entry says "announced" instead of inventing one.
 */

/** `retired`: the date has passed. `soon`: within {@link retirementWarningDays}. `announced`: later, or no date yet. */
export type RetirementSeverity = 'retired' | 'soon' | 'announced';

/** One warning an operator should see where they decide (image browser, pool form, pool list). */
export interface RetirementWarning {
  /** Stable key: `vm-family:Dv2`, `agent:batch.node.ubuntu 22.04`, `image-eol`. */
  key: string;
  severity: RetirementSeverity;
  /** What is retiring, in the operator's words: "Dv2-series VM sizes", "Ubuntu 22.04 (batch.node.ubuntu 22.04)". */
  subject: string;
  /** ISO day (YYYY-MM-DD) the retirement takes effect; absent when only announced. */
  date?: string;
  /** One sentence: what happens, and what to do. */
  message: string;
  /** Where to read more, as a name (no link): "Azure/Batch issue #140". */
  source: string;
}

/** Warn this many days before a date; later dates are shown as `announced`. */
export const retirementWarningDays = 180;

const dayMs = 86_400_000;

/** The severity of a retirement on `date` (ISO) as seen at `now` (ms); `announced` without a date. */
export function severityOf(date: string | undefined, now: number): RetirementSeverity {
  if (!date) return 'announced';
  const days = (Date.parse(date) - now) / dayMs;
  if (days <= 0) return 'retired';
  return days <= retirementWarningDays ? 'soon' : 'announced';
}

/** A VM family on Batch's retirement list. */
interface FamilyRetirement {
  family: string;
  matches(parts: VmSizeParts): boolean;
  date?: string;
  /** Where to move: the family's usual replacements. */
  instead: string;
  source: string;
}

const issue140 = 'Azure/Batch issue #140';
const dSeriesSource = `${issue140} (added 2026-05-15); date from Azure's D/Ds/Dv2/Dsv2/Ls-series migration guide`;
const hpcSource = `${issue140} (added 2026-05-15; no date given there)`;

const dInstead = 'Dsv5, Dasv5 or Ddsv5 (general purpose), Lsv3 for storage';
const is = (series: string, features: string, version: number) => (p: VmSizeParts) =>
  p.series === series && p.features === features && p.version === version && p.accelerator === '';

/** Batch's retirement list of VM families (Azure/Batch issue #140, comments of 2026-02-26 and 2026-05-15). */
export const retiringVmFamilies: readonly FamilyRetirement[] = [
  { family: 'D', matches: is('D', '', 1), date: '2028-05-01', instead: dInstead, source: dSeriesSource },
  { family: 'Ds', matches: is('D', 's', 1), date: '2028-05-01', instead: dInstead, source: dSeriesSource },
  { family: 'Dv2', matches: is('D', '', 2), date: '2028-05-01', instead: dInstead, source: dSeriesSource },
  { family: 'Dsv2', matches: is('D', 's', 2), date: '2028-05-01', instead: dInstead, source: dSeriesSource },
  { family: 'Ls', matches: is('L', 's', 1), date: '2028-05-01', instead: dInstead, source: dSeriesSource },
  { family: 'HBv2', matches: (p) => p.series === 'HB' && p.version === 2 && p.accelerator === '', instead: 'HBv3, HBv4 or HBv5', source: hpcSource },
  { family: 'HC', matches: (p) => p.series === 'HC' && p.version === 1 && p.accelerator === '', instead: 'HBv3 or HBv4', source: hpcSource },
  { family: 'NP', matches: (p) => p.series === 'NP' && p.version === 1 && p.accelerator === '', instead: 'a current FPGA or GPU size your workload supports', source: hpcSource },
  {
    family: 'NCv3',
    // NC6s_v3, NC12s_v3, NC24s_v3, NC24rs_v3; not NCasT4_v3 (an accelerator segment) or other NC v3 names.
    matches: (p) => p.series === 'NC' && p.version === 3 && p.accelerator === '' && (p.features === 's' || p.features === 'rs'),
    instead: 'NCadsH100v5, NCasT4v3 or NCA100v4',
    source: `${issue140} (modified 2026-02-26; no date given there)`,
  },
];

/** The retirement warning for a VM size, when its family is on Batch's list. */
export function vmSizeRetirement(vmSize: string, now: number): RetirementWarning | undefined {
  const parts = parseVmSize(vmSize);
  const entry = parts && retiringVmFamilies.find((f) => f.matches(parts));
  if (!entry) return undefined;
  const when = entry.date ? `on ${entry.date}` : '(date to be announced)';
  const severity = severityOf(entry.date, now);
  const verb = severity === 'retired' ? 'ended' : 'ends';
  return {
    key: `vm-family:${entry.family}`,
    severity,
    subject: `${entry.family}-series VM sizes`,
    ...(entry.date ? { date: entry.date } : {}),
    message: `Batch support for ${entry.family}-series sizes ${verb} ${when}: new pools and resizes may fail and nodes may be scaled in. Move to ${entry.instead}.`,
    source: entry.source,
  };
}
