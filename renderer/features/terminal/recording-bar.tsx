import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useRecording } from './recording-state';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalSNudge}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  live: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  path: { fontFamily: tokens.fontFamilyMonospace, userSelect: 'all' },
});

/** Where a session's log goes (while recording) or went (after stop), or why it stopped; nothing before any. */
export function RecordingBar(props: { sessionId: string; error?: string }) {
  const styles = useStyles();
  const recording = useRecording(props.sessionId);
  if (props.error) return <Caption1 role="alert" className={styles.bar}>{props.error}</Caption1>;
  if (!recording) return null;
  const lead = { recording: 'Recording', stopped: 'Recorded', failed: 'Recording failed' }[recording.state];
  return (
    <div className={styles.bar} data-testid="recording-bar" data-state={recording.state}>
      <Caption1 className={recording.state === 'recording' ? styles.live : undefined}>{lead}:</Caption1>
      <Caption1 className={styles.path} data-testid="recording-cast-path">{recording.castPath}</Caption1>
      <Caption1 className={styles.path} data-testid="recording-transcript-path">{recording.transcriptPath}</Caption1>
      {recording.error && <Caption1>{recording.error}</Caption1>}
    </div>
  );
}
