import { describe, expect, it } from 'vitest';
import { imageRetirements, nodeAgentRetirement } from '../../../contract/features/retirement-images';

const now = Date.parse('2026-11-30T00:00:00Z');

describe('image and node agent retirement warnings', () => {
  it('warns about an image whose Batch end of life is within 180 days, with its date', () => {
    const warnings = imageRetirements({ nodeAgentSkuId: 'batch.node.el 8', endOfLife: '2027-04-30T00:00:00Z' }, now);
    expect(warnings).toEqual([expect.objectContaining({ key: 'image-eol', severity: 'soon', date: '2027-04-30' })]);
    expect(warnings[0]?.message).toContain('ends on 2027-04-30');
  });

  it('says an image whose end of life has passed is retired', () => {
    const [warning] = imageRetirements({ nodeAgentSkuId: 'batch.node.el 9', endOfLife: '2026-10-01T00:00:00Z' }, now);
    expect(warning).toMatchObject({ severity: 'retired', date: '2026-10-01' });
    expect(warning?.message).toContain('ended on 2026-10-01');
  });

  it('does not warn about an image whose end of life is years away or that has none', () => {
    expect(imageRetirements({ nodeAgentSkuId: 'batch.node.el 8', endOfLife: '2029-03-01T00:00:00Z' }, now)).toEqual([]);
    expect(imageRetirements({ nodeAgentSkuId: 'batch.node.ubuntu 24.04' }, now)).toEqual([]);
  });

  it('warns about Ubuntu 22.04 images through their node agent, naming Azure/Batch issue #200', () => {
    const warnings = imageRetirements({ nodeAgentSkuId: 'batch.node.ubuntu 22.04' }, now);
    expect(warnings).toEqual([
      expect.objectContaining({ key: 'agent:batch.node.ubuntu 22.04', date: '2027-06-30', severity: 'announced', source: 'Azure/Batch issue #200' }),
    ]);
    expect(nodeAgentRetirement('batch.node.ubuntu 22.04', Date.parse('2027-03-01T00:00:00Z'))?.severity).toBe('soon');
    expect(nodeAgentRetirement('Batch.Node.Ubuntu 22.04', Date.parse('2027-07-01T00:00:00Z'))?.severity).toBe('retired');
  });

  it('knows node agents whose support already ended', () => {
    expect(nodeAgentRetirement('batch.node.ubuntu 20.04', now)).toMatchObject({ severity: 'retired', date: '2025-04-23', source: 'Azure/Batch issue #174' });
    expect(nodeAgentRetirement('batch.node.centos 7', now)).toMatchObject({ severity: 'retired', subject: 'CentOS 7 (batch.node.centos 7)' });
    expect(nodeAgentRetirement('batch.node.ubuntu 24.04', now)).toBeUndefined();
    expect(nodeAgentRetirement(undefined, now)).toBeUndefined();
  });
});
