import { describe, expect, it } from 'vitest';
import { commandForLog } from '../../../main/fleet/fleet-service';

describe('what the log says about a fleet command', () => {
  it('names a plain program and drops every argument', () => {
    expect(commandForLog('  nvidia-smi --query-gpu=driver_version --format=csv')).toBe('command "nvidia-smi …"');
    expect(commandForLog('/opt/tools/check.sh --token abc')).toBe('command "/opt/tools/check.sh …"');
  });

  it('says only "command" when the first word could carry a value', () => {
    expect(commandForLog('API_TOKEN=s3cret ./run')).toBe('command');
    expect(commandForLog('"$(cat /secret)"')).toBe('command');
    expect(commandForLog('echo\'hunter2\'')).toBe('command');
  });
});
