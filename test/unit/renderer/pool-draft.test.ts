import { describe, expect, it } from 'vitest';
import { checkDraft, fieldOfServiceError, newDraft, previewBody, updateDraft } from '../../../renderer/features/pools/create/pool-draft';
import { withImageFromRoute } from '../../../renderer/features/pools/create/draft-store';

const ready = () =>
  withImageFromRoute(updateDraft(newDraft('203.0.113.7'), { id: 'p1' }), {
    publisher: 'canonical',
    offer: '0001-com-ubuntu-server-jammy',
    sku: '22_04-lts',
    agent: 'batch.node.ubuntu 22.04',
  });

describe('the create-pool draft', () => {
  it('starts with SSH access on, the remembered address, and no removed field such as node communication mode', () => {
    const draft = newDraft('198.51.100.0/24');
    expect(draft.ssh).toMatchObject({ enabled: true, sourceAddressPrefix: '198.51.100.0/24' });
    expect(draft).not.toHaveProperty('nodeCommunicationMode');
    expect(previewBody(draft)).not.toHaveProperty('targetNodeCommunicationMode');
  });

  it('carries the image and agent SKU from the Images page and is then valid', () => {
    const check = checkDraft(ready());
    expect(check.errors).toEqual({});
    expect(check.spec?.nodeAgentSkuId).toBe('batch.node.ubuntu 22.04');
  });

  it('sizes the SSH port range with the node count until the user sets it by hand', () => {
    const grown = updateDraft(ready(), { targetDedicatedNodes: 2000 });
    expect(grown.ssh.frontendPortRangeEnd - grown.ssh.frontendPortRangeStart + 1).toBe(3000);
    const manual = updateDraft(grown, { ssh: { ...grown.ssh, frontendPortRangeEnd: grown.ssh.frontendPortRangeStart + 49 }, rangeAuto: false });
    const bigger = updateDraft(manual, { targetDedicatedNodes: 60 });
    expect(bigger.ssh.frontendPortRangeEnd - bigger.ssh.frontendPortRangeStart + 1).toBe(50);
    expect(checkDraft(bigger).errors['ssh.frontendPortRangeEnd']).toContain('60 nodes need at least 60 ports');
  });

  it('flags "any address" without refusing it, and warns when SSH is switched off', () => {
    const open = updateDraft(ready(), { ssh: { ...ready().ssh, sourceAddressPrefix: '*' } });
    expect(checkDraft(open).spec).toBeDefined();
    expect(checkDraft(open).warnings['ssh.sourceAddressPrefix']).toContain('every host on the internet');
    const closed = updateDraft(ready(), { ssh: { ...ready().ssh, enabled: false } });
    expect(checkDraft(closed).warnings['ssh.enabled']).toContain('cannot be added later');
  });

  it('ignores a switched-off start task and previews the body even while fields are wrong', () => {
    const draft = updateDraft(ready(), { id: 'bad id!', startTask: { ...ready().startTask, commandLine: '' } });
    const check = checkDraft(draft);
    expect(Object.keys(check.errors)).toEqual(['id']);
    expect(previewBody(draft).id).toBe('bad id!');
    expect(previewBody(draft).startTask).toBeUndefined();
  });

  it('points a service error at the field it is about', () => {
    expect(fieldOfServiceError('PoolExists', undefined)).toBe('id');
    expect(fieldOfServiceError('InvalidPropertyValue', 'frontendPortRangeStart')).toBe('ssh.frontendPortRangeStart');
    expect(fieldOfServiceError('InvalidPropertyValue', 'targetLowPriorityNodes')).toBe('targetSpotNodes');
    expect(fieldOfServiceError('InternalError', undefined)).toBeUndefined();
  });
});
