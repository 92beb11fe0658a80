import { describe, expect, it } from 'vitest';
import { vmSizeRetirement } from '../../../contract/features/retirement';
import { canonicalVmSizeName, parseVmSize, vmFamilyOf } from '../../../contract/features/vm-size-name';

const now = Date.parse('2026-11-30T00:00:00Z');

describe('vmFamilyOf names the family the way Azure does', () => {
  it.each([
    ['Standard_D2', 'D'],
    ['Standard_D14', 'D'],
    ['Standard_DS3', 'Ds'],
    ['standard_ds3', 'Ds'],
    ['Standard_D2_v2', 'Dv2'],
    ['standard_d11_v2', 'Dv2'],
    ['Standard_D2_v2_Promo', 'Dv2'],
    ['Standard_DS3_v2', 'Dsv2'],
    ['Standard_DS11-1_v2', 'Dsv2'],
    ['Standard_L4s', 'Ls'],
    ['Standard_L8s_v2', 'Lsv2'],
    ['Standard_HB120rs_v2', 'HBv2'],
    ['Standard_HB120-96rs_v2', 'HBv2'],
    ['Standard_HB120rs_v3', 'HBv3'],
    ['Standard_HC44rs', 'HC'],
    ['Standard_HC44-16rs', 'HC'],
    ['Standard_NP10s', 'NP'],
    ['Standard_NC6s_v3', 'NCv3'],
    ['Standard_NC24rs_v3', 'NCv3'],
    ['Standard_NC4as_T4_v3', 'NCasT4v3'],
    ['Standard_NC24ads_A100_v4', 'NCadsA100v4'],
    ['Standard_D2_v3', 'Dv3'],
    ['Standard_D2s_v3', 'Dsv3'],
    ['Standard_D4s_v4', 'Dsv4'],
    ['Standard_D2as_v5', 'Dasv5'],
    ['Standard_D2ds_v5', 'Ddsv5'],
    ['Standard_D2ps_v5', 'Dpsv5'],
    ['Standard_DC2as_v5', 'DCasv5'],
    ['Standard_E4s_v5', 'Esv5'],
  ])('%s is %s', (size, family) => {
    expect(vmFamilyOf(size)).toBe(family);
  });

  it('says nothing for text that is not a size name', () => {
    expect(vmFamilyOf('')).toBeUndefined();
    expect(vmFamilyOf('Standard_')).toBeUndefined();
    expect(vmFamilyOf("D2' or 1 eq 1")).toBeUndefined();
  });

  it('reads the constrained-core and accelerator parts without mistaking the version for an accelerator', () => {
    expect(parseVmSize('standard_hb120-96rs_v2')).toEqual({ series: 'HB', vcpus: 120, features: 'rs', accelerator: '', version: 2 });
    expect(parseVmSize('Standard_D2_v2')).toEqual({ series: 'D', vcpus: 2, features: '', accelerator: '', version: 2 });
    expect(parseVmSize('Standard_NC4as_T4_v3')).toMatchObject({ series: 'NC', features: 'as', accelerator: 'T4', version: 3 });
  });
});

describe('Batch retirement list by VM size', () => {
  it.each(['Standard_D2', 'Standard_DS3', 'Standard_D2_v2', 'standard_d2_v2', 'Standard_DS3_v2', 'Standard_D11_v2', 'Standard_L16s', 'Standard_HB120rs_v2', 'Standard_HC44rs', 'Standard_NP20s', 'Standard_NC6s_v3', 'Standard_NC24rs_v3'])(
    '%s is retiring',
    (size) => {
      expect(vmSizeRetirement(size, now)).toBeDefined();
    },
  );

  it.each(['Standard_D2_v3', 'Standard_D2s_v3', 'Standard_D4s_v4', 'Standard_D2as_v5', 'Standard_D2s_v5', 'Standard_L8s_v2', 'Standard_L8s_v3', 'Standard_HB120rs_v3', 'Standard_NC4as_T4_v3', 'Standard_NC24ads_A100_v4', 'Standard_DC2as_v5', 'Standard_E4s_v5', 'Standard_F4s_v2'])(
    '%s is not retiring',
    (size) => {
      expect(vmSizeRetirement(size, now)).toBeUndefined();
    },
  );

  it('gives the D-series date and source, and tells how close it is', () => {
    const warning = vmSizeRetirement('Standard_D2_v2', now);
    expect(warning).toMatchObject({ key: 'vm-family:Dv2', date: '2028-05-01', severity: 'announced', subject: 'Dv2-series VM sizes' });
    expect(warning?.source).toContain('Azure/Batch issue #140');
    expect(vmSizeRetirement('Standard_D2_v2', Date.parse('2028-01-01T00:00:00Z'))?.severity).toBe('soon');
    expect(vmSizeRetirement('Standard_D2_v2', Date.parse('2028-06-01T00:00:00Z'))?.severity).toBe('retired');
    expect(vmSizeRetirement('Standard_D2_v2', Date.parse('2028-06-01T00:00:00Z'))?.message).toContain('ended on 2028-05-01');
  });

  it('says "announced" with its source, not an invented date, where the notice gives none', () => {
    const warning = vmSizeRetirement('Standard_HB120rs_v2', now);
    expect(warning?.date).toBeUndefined();
    expect(warning?.severity).toBe('announced');
    expect(warning?.message).toContain('date to be announced');
    expect(warning?.source).toContain('Azure/Batch issue #140');
  });
});

describe('canonicalVmSizeName spells sizes as the price list does', () => {
  it.each([
    ['standard_d2_v2', 'Standard_D2_v2'],
    ['standard_ds3_v2', 'Standard_DS3_v2'],
    ['standard_nc4as_t4_v3', 'Standard_NC4as_T4_v3'],
    ['standard_hb120-96rs_v2', 'Standard_HB120-96rs_v2'],
    ['Standard_D2s_v5', 'Standard_D2s_v5'],
    ['standard_d2_v2_promo', 'Standard_D2_v2_Promo'],
    ['  Standard_E4s_v5 ', 'Standard_E4s_v5'],
  ])('%s → %s', (given, expected) => {
    expect(canonicalVmSizeName(given)).toBe(expected);
  });
});
