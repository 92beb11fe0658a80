import { describe, expect, it } from 'vitest';
import { hostKeyIdOf, shellQuote, sshCommand } from '../../../main/provision/ssh-command';

describe('the ssh command the table copies', () => {
  it('reads ssh -i <key file> -p PORT user@IP for a managed-key user', () => {
    expect(sshCommand({ host: '20.1.2.3', port: 50001, userName: 'ops', keyFile: '/home/me/.ssh/batch-deck-prod_ed25519' })).toBe(
      'ssh -i /home/me/.ssh/batch-deck-prod_ed25519 -p 50001 ops@20.1.2.3',
    );
  });

  it('leaves out -i for password users and users with their own key', () => {
    expect(sshCommand({ host: '127.0.0.1', port: 22, userName: 'u_1', keyFile: undefined })).toBe('ssh -p 22 u_1@127.0.0.1');
  });

  it('quotes a key path with spaces or quotes so a shell passes it as one argument', () => {
    expect(sshCommand({ host: '10.0.0.4', port: 2222, userName: 'ops', keyFile: "/Users/Jo O'Neil/keys/k" })).toBe(
      `ssh -i '/Users/Jo O'\\''Neil/keys/k' -p 2222 ops@10.0.0.4`,
    );
    expect(shellQuote('C:\\Users\\me\\key')).toBe(`'C:\\Users\\me\\key'`);
    expect(shellQuote('plain/path-1.key')).toBe('plain/path-1.key');
  });

  it('refuses a port that cannot be real', () => {
    expect(() => sshCommand({ host: 'h', port: 0, userName: 'u' })).toThrow(/port/);
    expect(() => sshCommand({ host: 'h', port: 70000, userName: 'u' })).toThrow(/port/);
  });

  it('keys host trust as OpenSSH does: bare host on 22, [host]:port otherwise', () => {
    expect(hostKeyIdOf('20.1.2.3', 22)).toBe('20.1.2.3');
    expect(hostKeyIdOf('20.1.2.3', 50000)).toBe('[20.1.2.3]:50000');
  });
});
