import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RecordingInfo } from '../../../contract/features/recording';
import { call, onEvent } from '../../ipc/client';

const recordingsKey = ['recording:list'] as const;

/** The latest recording of a session (running or finished), kept live by `recording:changed`. */
export function useRecording(sessionId: string): RecordingInfo | undefined {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: recordingsKey, queryFn: () => call('recording:list', {}), meta: { silent: true } });
  useEffect(() => onEvent('recording:changed', ({ recordings }) => queryClient.setQueryData(recordingsKey, recordings)), [queryClient]);
  return query.data?.find((recording) => recording.sessionId === sessionId);
}
