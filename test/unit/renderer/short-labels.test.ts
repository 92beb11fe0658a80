import { describe, expect, it } from 'vitest';
import { gridTemplate } from '../../../renderer/components/column-widths';
import { middleEllipsis } from '../../../renderer/components/middle-ellipsis';
import { shortNodeId, tabLabel } from '../../../renderer/features/terminal/tab-label';

const nodeId = `tvmps_0947${'a'.repeat(54)}875f_d`;
const node = { accountId: 'prod-id', poolId: 'render', nodeId, user: 'ops' };

describe('identifiers shortened in the middle', () => {
  it('keeps the prefix and the end that tells Batch nodes apart', () => {
    expect(middleEllipsis(nodeId)).toBe('tvmps_0947…875f_d');
  });

  it('leaves short values whole', () => {
    expect(middleEllipsis('pool-a')).toBe('pool-a');
    expect(middleEllipsis('x'.repeat(17))).toBe('x'.repeat(17));
    expect(middleEllipsis('x'.repeat(18))).toBe(`${'x'.repeat(10)}…${'x'.repeat(6)}`);
  });
});

describe('terminal tab labels', () => {
  it('name pool, the last 6 hex digits of the node and the user; the tooltip has the whole id', () => {
    expect(shortNodeId(nodeId)).toBe('aa875f');
    const label = tabLabel({ label: `render / ${nodeId}`, node }, 'prod', false);
    expect(label.short).toBe('render · aa875f · ops');
    expect(label.full).toContain(nodeId);
    expect(label.full).toContain('account prod');
  });

  it('put the account first when more than one account is configured', () => {
    expect(tabLabel({ label: '', node }, 'prod', true).short).toBe('prod: render · aa875f · ops');
    expect(tabLabel({ label: '', node }, undefined, true).short).toBe('prod-id: render · aa875f · ops');
  });

  it('keep a local shell as it is and take the last 6 characters of ids that are not Batch-shaped', () => {
    expect(tabLabel({ label: 'Local shell 2' }, undefined, true)).toEqual({ short: 'Local shell 2', full: 'Local shell 2' });
    expect(shortNodeId('node-1234567')).toBe('234567');
    expect(shortNodeId('n1')).toBe('n1');
  });
});

describe('table column widths', () => {
  const columns = [
    { key: 'id', header: 'Node', grow: 1 },
    { key: 'state', header: 'State' },
    { key: 'go', header: '', min: 90 },
  ];

  it('start each column at what its content needs and let growing columns take the spare room', () => {
    expect(gridTemplate(columns, { id: 160, state: 70 }, {})).toEqual({ template: 'minmax(160px, 1fr) 70px 90px', minWidth: 320 });
  });

  it('keep a width the user dragged, even below the measured one', () => {
    expect(gridTemplate(columns, { id: 160, state: 70 }, { id: 100 }).template).toBe('100px 70px 90px');
  });
});
