/**
 * Azure VM size names, read the way Azure documents them
 * (https://learn.microsoft.com/azure/virtual-machines/vm-naming-conventions):
 * `Standard_` + family letters + vCPUs [+ `-` constrained vCPUs] + feature letters [+ `_` accelerator] [+ `_v` version].
 * Batch lists sizes lower-cased (`standard_ds3_v2`), so case cannot tell family from feature letters: the digits do.
 */

/** The parts of a VM size name. Letters are normalised: series upper-case, features lower-case. */
export interface VmSizeParts {
  /** Family letters: `D`, `NC`, `HB`. The v1/v2 premium-storage spelling `DS3` is read as series `D` + feature `s`. */
  series: string;
  vcpus: number;
  /** Feature letters after the vCPUs: `s`, `as`, `ds`, `rs`, `pls`; empty when none. */
  features: string;
  /** Accelerator segment such as `T4` or `A100`; empty when none. */
  accelerator: string;
  /** Version number (`_v3` → 3); 1 when the name has none. */
  version: number;
}

const sizePattern = /^(?:standard_|basic_)?([a-z]+)(\d+)(?:-\d+)?([a-z]*)(?:_(?!v\d+(?:_|$))([a-z]+\d+[a-z0-9]*))?(?:_v(\d+))?(?:_promo)?$/i;

/** Series whose v1/v2 names put the premium-storage `S` next to the family letter (DS3, DS3_v2, GS5). */
const premiumSpelledInSeries = new Set(['DS', 'GS']);

/** Splits a VM size name into its parts; undefined when it does not look like an Azure size name. */
export function parseVmSize(name: string): VmSizeParts | undefined {
  const match = sizePattern.exec(name.trim());
  if (!match) return undefined;
  const [, letters = '', cpus = '0', featureLetters = '', accelerator = '', version] = match;
  let series = letters.toUpperCase();
  let features = featureLetters.toLowerCase();
  if (premiumSpelledInSeries.has(series)) {
    series = series.slice(0, -1);
    features = `s${features}`;
  }
  return { series, vcpus: Number(cpus), features, accelerator: accelerator.toUpperCase(), version: version ? Number(version) : 1 };
}

/** HPC and GPU families (H*, N*) are named without their per-size feature letters: HB120rs_v2 is "HBv2", NC6s_v3 "NCv3". */
function featuresInFamilyName(parts: VmSizeParts): boolean {
  return !/^[HN]/.test(parts.series) || parts.accelerator !== '';
}

/**
 * The VM family of a size as Azure names it: Standard_D2_v2 → "Dv2", Standard_DS3 → "Ds", Standard_D2as_v5 → "Dasv5",
 * Standard_NC6s_v3 → "NCv3", Standard_HB120rs_v2 → "HBv2", Standard_NC4as_T4_v3 → "NCasT4v3". Undefined for a name
 * that is not a size.
 */
export function vmFamilyOf(name: string): string | undefined {
  const parts = parseVmSize(name);
  if (!parts) return undefined;
  const features = featuresInFamilyName(parts) ? parts.features : '';
  const version = parts.version > 1 ? `v${parts.version}` : '';
  return `${parts.series}${features}${parts.accelerator}${version}`;
}

const spellingPattern = /^(?:standard_)?([a-z]+)(\d+)(-\d+)?([a-z]*)((?:_(?!v\d+(?:_|$))[a-z]+\d+[a-z0-9]*)?)((?:_v\d+)?)(_promo)?$/i;

/**
 * A size in the spelling Azure's price list uses (`armSkuName`, compared case-sensitively since its 2023 API):
 * `standard_ds3_v2` → `Standard_DS3_v2`, `standard_nc4as_t4_v3` → `Standard_NC4as_T4_v3`. Other names are returned as given.
 */
export function canonicalVmSizeName(name: string): string {
  const match = spellingPattern.exec(name.trim());
  if (!match) return name.trim();
  const [, letters = '', cpus = '', constrained = '', features = '', accelerator = '', version = '', promo] = match;
  return `Standard_${letters.toUpperCase()}${cpus}${constrained}${features.toLowerCase()}${accelerator.toUpperCase()}${version.toLowerCase()}${promo ? '_Promo' : ''}`;
}
