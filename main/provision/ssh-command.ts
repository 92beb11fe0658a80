/** What the `ssh` line needs: the login address, the user, and the private key file when the user has one. */
export interface SshCommandParts {
  host: string;
  port: number;
  userName: string;
  /** Absolute path of the private key; omitted for password users and users with their own key. */
  keyFile?: string;
}

/** Quotes one argument for POSIX shells (and PowerShell): bare when it is plainly safe, else in single quotes. */
export function shellQuote(argument: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** The OpenSSH command line: `ssh -i <key file> -p PORT user@IP` (no `-i` without a key file). */
export function sshCommand(parts: SshCommandParts): string {
  if (!Number.isInteger(parts.port) || parts.port < 1 || parts.port > 65535) throw new RangeError(`Invalid SSH port ${parts.port}`);
  const words = ['ssh'];
  if (parts.keyFile) words.push('-i', shellQuote(parts.keyFile));
  words.push('-p', String(parts.port), shellQuote(`${parts.userName}@${parts.host}`));
  return words.join(' ');
}

/** How OpenSSH keys a host in known_hosts: `host` on port 22, `[host]:port` otherwise. */
export function hostKeyIdOf(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}
