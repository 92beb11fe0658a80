import { Client } from 'ssh2';

/**
 * Logs in to an SSH server with a password (as an operator would with the password Batch Deck keeps) and runs one
 * command; resolves with its output, rejects with ssh2's error (e.g. "All configured authentication methods failed").
 */
export function sshRunWithPassword(target: { host: string; port: number; username: string; password: string }, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const timer = setTimeout(() => (client.end(), reject(new Error(`ssh to ${target.host}:${target.port} timed out`))), 20_000);
    const finish = (error: Error | undefined, output = '') => {
      clearTimeout(timer);
      client.end();
      if (error) reject(error);
      else resolve(output);
    };
    client
      .on('ready', () => {
        client.exec(command, (error, stream) => {
          if (error) return finish(error);
          let output = '';
          stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
          stream.stderr.on('data', () => undefined);
          stream.on('close', () => finish(undefined, output));
        });
      })
      .on('error', (error) => finish(error))
      .connect({ ...target, readyTimeout: 15_000, tryKeyboard: false, hostVerifier: () => true });
  });
}
