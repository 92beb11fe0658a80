import type { NodeAction } from '../../../../contract/features/batch-models';

/** Deallocate and start (api-version 2025-06-01), with what each does to the node, as the bulk actions bar offers them. */
export const deallocateActions: { action: NodeAction; label: string; confirm?: string }[] = [
  {
    action: 'deallocate',
    label: 'Deallocate',
    confirm: 'The nodes stop (no compute charge, SSH closes) and keep their disk, users and files; running tasks are requeued. Start brings them back.',
  },
  { action: 'start', label: 'Start', confirm: 'Deallocated nodes boot again with their disk; the start task runs again.' },
];
