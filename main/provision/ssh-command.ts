import { isIP } from 'node:net';

/** What the `ssh` line needs: the login address, the user, and the private key file when the user has one. */
export interface SshCommandParts {
  host: string;
  port: number;
  userName: string;
  /** Absolute path of the private key; omitted for password users and users with their own key. */
  keyFile?: string;
}

/** The shells a copied command is written for. */
export type CommandShell = 'posix' | 'powershell' | 'cmd';

/** A DNS name: dot-separated labels of letters, digits and inner hyphens, 253 characters at most. */
const dnsName = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
/** A user name no shell or ssh reads as anything else (Batch's own rules are looser; these are what we create). */
const safeUser = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/** Quotes one argument for POSIX shells (bash, zsh): bare when it is plainly safe, else in single quotes. */
export function shellQuote(argument: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** Quotes one argument for PowerShell: single quotes, a quote inside doubled. */
export function powerShellQuote(argument: string): string {
  if (/^[A-Za-z0-9_./:\\-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, "''")}'`;
}

/** Quotes one argument for cmd.exe; undefined when cmd cannot carry it safely (`"`, `%`, `!`, line breaks). */
export function cmdQuote(argument: string): string | undefined {
  if (/["%!\r\n]/.test(argument)) return undefined;
  return /^[A-Za-z0-9_./:\\@-]+$/.test(argument) ? argument : `"${argument}"`;
}

/** Throws unless the parts are an IP address or DNS name, a real port and a safe user name. */
function checkParts(parts: SshCommandParts): void {
  if (!Number.isInteger(parts.port) || parts.port < 1 || parts.port > 65535) throw new RangeError(`Invalid SSH port ${parts.port}`);
  if (isIP(parts.host) === 0 && !dnsName.test(parts.host)) throw new RangeError(`"${parts.host}" is not an IP address or DNS name`);
  if (!safeUser.test(parts.userName)) throw new RangeError(`"${parts.userName}" is not a user name ssh can be given safely`);
}

/** The OpenSSH command line for one shell; undefined when that shell cannot quote the key path. */
export function sshCommandFor(shell: CommandShell, parts: SshCommandParts): string | undefined {
  checkParts(parts);
  const quote = shell === 'posix' ? shellQuote : shell === 'powershell' ? powerShellQuote : cmdQuote;
  const words = ['ssh'];
  if (parts.keyFile) {
    const key = quote(parts.keyFile);
    if (key === undefined) return undefined;
    words.push('-i', key);
  }
  // An IPv6 address goes bare after `@`: ssh splits user@host at the last `@` and takes the port from -p.
  words.push('-p', String(parts.port), `${parts.userName}@${parts.host}`);
  return words.join(' ');
}

/** The OpenSSH command line for bash/zsh: `ssh -i <key file> -p PORT user@IP` (no `-i` without a key file). */
export function sshCommand(parts: SshCommandParts): string {
  return sshCommandFor('posix', parts) as string;
}

/** The command for every shell (a shell that cannot quote the key path is left out). */
export function sshCommands(parts: SshCommandParts): Partial<Record<CommandShell, string>> {
  const out: Partial<Record<CommandShell, string>> = {};
  for (const shell of ['posix', 'powershell', 'cmd'] as const) {
    const command = sshCommandFor(shell, parts);
    if (command !== undefined) out[shell] = command;
  }
  return out;
}
