import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../../emulator/api/odata-filter';
import { BatchApiError } from '../../../../emulator/api/batch-error';

const pools = [
  { id: 'render-1', state: 'active', allocationState: 'steady', currentDedicatedNodes: 3, enableAutoScale: false, virtualMachineConfiguration: { nodeAgentSKUId: 'batch.node.ubuntu 22.04' } },
  { id: 'render-2', state: 'deleting', allocationState: 'steady', currentDedicatedNodes: 0, enableAutoScale: true, virtualMachineConfiguration: { nodeAgentSKUId: 'batch.node.el 9' } },
  { id: "o'brien", state: 'active', allocationState: 'resizing', currentDedicatedNodes: 10, enableAutoScale: false, virtualMachineConfiguration: { nodeAgentSKUId: 'batch.node.windows amd64' } },
];

function ids(filter: string): string[] {
  const predicate = compileFilter(filter);
  return pools.filter((p) => (predicate ? predicate(p) : true)).map((p) => p.id);
}

describe('$filter', () => {
  it('matches eq, ne, and, or, not and parentheses as OData does', () => {
    expect(ids("state eq 'active'")).toEqual(['render-1', "o'brien"]);
    expect(ids("state ne 'active'")).toEqual(['render-2']);
    expect(ids("state eq 'active' and allocationState eq 'steady'")).toEqual(['render-1']);
    expect(ids("id eq 'render-2' or allocationState eq 'resizing'")).toEqual(['render-2', "o'brien"]);
    expect(ids("not (state eq 'active')")).toEqual(['render-2']);
    expect(ids("(state eq 'deleting' or state eq 'active') and currentDedicatedNodes ge 3")).toEqual(['render-1', "o'brien"]);
  });

  it('supports startswith, quoted quotes, booleans and nested properties', () => {
    expect(ids("startswith(id,'render')")).toEqual(['render-1', 'render-2']);
    expect(ids("id eq 'o''brien'")).toEqual(["o'brien"]);
    expect(ids('enableAutoScale eq true')).toEqual(['render-2']);
    expect(ids("virtualMachineConfiguration/nodeAgentSKUId eq 'batch.node.el 9'")).toEqual(['render-2']);
  });

  it('treats an empty filter as no filter', () => {
    expect(compileFilter('  ')).toBeUndefined();
  });

  it('refuses a malformed filter with 400 InvalidQueryParameterValue naming $filter', () => {
    for (const bad of ["state = 'idle'", "state eq 'idle' and", "startswith(id)", "state eq idle'", '(state eq 1']) {
      try {
        compileFilter(bad);
        throw new Error(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(BatchApiError);
        expect((error as BatchApiError).values).toContainEqual({ key: 'QueryParameterName', value: '$filter' });
      }
    }
  });
});
