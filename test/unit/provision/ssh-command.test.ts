import { describe, expect, it } from 'vitest';
import { shellQuote, sshCommand, sshCommands } from '../../../main/provision/ssh-command';
import { hostKeyIdFor } from '../../../main/ssh/host-key-blob';

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
    expect(hostKeyIdFor('20.1.2.3', 22)).toBe('20.1.2.3');
    expect(hostKeyIdFor('20.1.2.3', 50000)).toBe('[20.1.2.3]:50000');
  });

  it('writes the command for bash/zsh, PowerShell and cmd, each quoting the key path its own way', () => {
    const commands = sshCommands({ host: '20.1.2.3', port: 50001, userName: 'ops', keyFile: "C:\\Users\\Jo O'Neil\\.ssh\\k" });
    expect(commands.posix).toBe(`ssh -i 'C:\\Users\\Jo O'\\''Neil\\.ssh\\k' -p 50001 ops@20.1.2.3`);
    expect(commands.powershell).toBe(`ssh -i 'C:\\Users\\Jo O''Neil\\.ssh\\k' -p 50001 ops@20.1.2.3`);
    expect(commands.cmd).toBe(`ssh -i "C:\\Users\\Jo O'Neil\\.ssh\\k" -p 50001 ops@20.1.2.3`);
  });

  it('leaves out cmd when cmd cannot carry the key path (a % would expand a variable there)', () => {
    const commands = sshCommands({ host: 'node-1.example.com', port: 22, userName: 'ops', keyFile: '/keys/100%/k' });
    expect(commands.cmd).toBeUndefined();
    expect(commands.posix).toBe(`ssh -i /keys/100%/k -p 22 ops@node-1.example.com`);
    expect(commands.powershell).toBe(`ssh -i '/keys/100%/k' -p 22 ops@node-1.example.com`);
  });

  it('accepts IPv6 addresses and DNS names as hosts and refuses anything a shell would read as more', () => {
    expect(sshCommand({ host: '2001:db8::7', port: 50000, userName: 'ops' })).toBe('ssh -p 50000 ops@2001:db8::7');
    for (const host of ['1.2.3.4; rm -rf ~', '$(id)', 'a b', '-oProxyCommand=x', 'host`x`', '']) {
      expect(() => sshCommand({ host, port: 22, userName: 'ops' }), host).toThrow(/IP address or DNS name/);
    }
  });

  it('refuses a user name that is not plainly a user name', () => {
    for (const userName of ['-oProxyCommand=x', 'a b', "o'neil", 'x$(id)', '']) {
      expect(() => sshCommand({ host: '20.1.2.3', port: 22, userName }), userName).toThrow(/user name/);
    }
  });
});
