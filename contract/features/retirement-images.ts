import { severityOf, type RetirementWarning } from './retirement';

/** Node agent SKUs whose Batch support ends or ended, from the Azure/Batch notices named in each. */
const agentRetirements: readonly { agent: string; os: string; date: string; source: string }[] = [
  { agent: 'batch.node.ubuntu 22.04', os: 'Ubuntu 22.04', date: '2027-06-30', source: 'Azure/Batch issue #200' },
  { agent: 'batch.node.ubuntu 20.04', os: 'Ubuntu 20.04', date: '2025-04-23', source: 'Azure/Batch issue #174' },
  ...['centos 7', 'centos 8', 'debian 8', 'debian 9', 'debian 10', 'ubuntu 14.04', 'ubuntu 16.04', 'ubuntu 18.04'].map((os) => ({
    agent: `batch.node.${os}`,
    os: os.replace(/^centos/, 'CentOS').replace(/^(\w)/, (c) => c.toUpperCase()),
    date: '2024-12-31',
    source: 'Azure/Batch issue #180',
  })),
];

/** The warning for a node agent SKU whose Batch support ends (e.g. `batch.node.ubuntu 22.04` on 2027-06-30). */
export function nodeAgentRetirement(nodeAgentSkuId: string | undefined, now: number): RetirementWarning | undefined {
  const agent = nodeAgentSkuId?.trim().toLowerCase();
  const entry = agent ? agentRetirements.find((a) => a.agent === agent) : undefined;
  if (!entry) return undefined;
  const severity = severityOf(entry.date, now);
  const verb = severity === 'retired' ? 'ended' : 'ends';
  return {
    key: `agent:${entry.agent}`,
    severity,
    subject: `${entry.os} (${entry.agent})`,
    date: entry.date,
    message: `Batch support for ${entry.os} ${verb} on ${entry.date}: creating or growing pools with this node agent may fail and nodes may be scaled in. Move to a newer OS image.`,
    source: entry.source,
  };
}

/** What an image warning needs from a supported image (the Images page's SupportedImage fits). */
export interface ImageForRetirement {
  nodeAgentSkuId: string;
  /** `batchSupportEndOfLife` from the service's supported-images list. */
  endOfLife?: string;
}

/**
 * Warnings for one supported image: its own `batchSupportEndOfLife` when it is past or within the warning window,
 * and its node agent SKU's end of support. Far-off image end-of-life dates are no warning: the table shows the date.
 */
export function imageRetirements(image: ImageForRetirement, now: number): RetirementWarning[] {
  const warnings: RetirementWarning[] = [];
  const date = image.endOfLife?.slice(0, 10);
  const severity = severityOf(date, now);
  if (date && severity !== 'announced') {
    warnings.push({
      key: 'image-eol',
      severity,
      subject: 'This image',
      date,
      message:
        severity === 'retired'
          ? `Batch support for this image ended on ${date}: new pools with it are refused.`
          : `Batch support for this image ends on ${date}: new pools with it will be refused after that day.`,
      source: 'the service\'s supported images list (batchSupportEndOfLife)',
    });
  }
  const agent = nodeAgentRetirement(image.nodeAgentSkuId, now);
  if (agent) warnings.push(agent);
  return warnings;
}
