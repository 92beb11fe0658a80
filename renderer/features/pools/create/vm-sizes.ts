/** VM sizes operators pick most for Linux Batch pools; the field still takes any size the region offers. */
export const vmSizeSuggestions = [
  { size: 'Standard_D2s_v5', note: '2 vCPU, 8 GiB — general purpose' },
  { size: 'Standard_D4s_v5', note: '4 vCPU, 16 GiB — general purpose' },
  { size: 'Standard_D8s_v5', note: '8 vCPU, 32 GiB — general purpose' },
  { size: 'Standard_D2as_v5', note: '2 vCPU, 8 GiB — AMD' },
  { size: 'Standard_D2ps_v5', note: '2 vCPU, 8 GiB — Arm64 (use an arm64 image)' },
  { size: 'Standard_E4s_v5', note: '4 vCPU, 32 GiB — memory optimised' },
  { size: 'Standard_F4s_v2', note: '4 vCPU, 8 GiB — compute optimised' },
  { size: 'Standard_HB120rs_v3', note: '120 vCPU — HPC with RDMA' },
  { size: 'Standard_NC4as_T4_v3', note: '4 vCPU + T4 GPU' },
  { size: 'Standard_NC24ads_A100_v4', note: '24 vCPU + A100 GPU' },
  { size: 'Standard_DC2as_v5', note: '2 vCPU — confidential VM' },
] as const;
