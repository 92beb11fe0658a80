import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ssh2, { type ClientChannel, type ConnectConfig, type PseudoTtyOptions } from 'ssh2';
import { generateEd25519KeyPair } from '../../../../emulator/node-runtime/host-keys';
import { NodeRuntime } from '../../../../emulator/node-runtime/runtime';
import type { NodeRef, NodeUserRecord } from '../../../../emulator/node-runtime/types';

const run = promisify(execFile);

/** A runtime on a fresh temp folder with one node and a mutable user list (what the REST layer would hold). */
export interface RuntimeFixture {
  runtime: NodeRuntime;
  rootDir: string;
  node: NodeRef;
  users: NodeUserRecord[];
  /** Shuts the runtime down and deletes the temp folder. */
  dispose(): Promise<void>;
}

/** Builds a fixture; `rootDir` reuses an existing folder (to test restarts). */
export async function createRuntimeFixture(rootDir?: string): Promise<RuntimeFixture> {
  const root = rootDir ?? (await mkdtemp(path.join(tmpdir(), 'node-runtime-')));
  const users: NodeUserRecord[] = [];
  const node = { poolId: 'pool-1', nodeId: 'tvmps_0123456789abcdef_d' };
  const runtime = new NodeRuntime({ rootDir: path.join(root, 'nodes'), usersOf: () => users });
  await runtime.prepareNode(node);
  return {
    runtime,
    rootDir: root,
    node,
    users,
    async dispose() {
      await runtime.shutdown();
      if (!rootDir) await rm(root, { recursive: true, force: true });
    },
  };
}

/** A runtime fixture whose node has an SSH server and one key user. */
export interface SshFixture extends RuntimeFixture {
  port: number;
  key: { publicKey: string; privateKey: string };
  /** Logs the key user in with an ssh2 client. */
  login(): Promise<ssh2.Client>;
}

/** Builds a fixture with SSH open on a free port and `userName` allowed in with a fresh key. */
export async function createSshFixture(userName: string): Promise<SshFixture> {
  const fixture = await createRuntimeFixture();
  const key = newKeyPair();
  fixture.users.push(userRecord(userName, { sshPublicKey: key.publicKey }));
  const port = await fixture.runtime.openSsh(fixture.node, 0);
  return { ...fixture, port, key, login: () => connectClient(port, { username: userName, privateKey: key.privateKey }) };
}

/** A fresh ed25519 key pair: OpenSSH public line and private key text. */
export function newKeyPair(): { publicKey: string; privateKey: string } {
  const pair = generateEd25519KeyPair();
  return { publicKey: pair.public, privateKey: pair.private };
}

/** A user record valid for an hour unless told otherwise. */
export function userRecord(name: string, secret: { sshPublicKey?: string; password?: string }, expiresInMs = 3_600_000) {
  return { name, isAdmin: false, expiryTime: new Date(Date.now() + expiresInMs), ...secret } satisfies NodeUserRecord;
}

/** Connects an ssh2 client to the node's port; rejects when authentication fails. */
export function connectClient(port: number, config: Partial<ConnectConfig>): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.once('close', () => reject(new Error('connection closed before login')));
    client.connect({ host: '127.0.0.1', port, readyTimeout: 20_000, ...config });
  });
}

/** Runs a command on a connected client and collects stdout, stderr and the exit code. */
export function execOnClient(
  client: ssh2.Client,
  command: string,
  pty?: PseudoTtyOptions,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    client.exec(command, pty ? { pty } : {}, (error, channel) => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      channel.on('data', (data: Buffer) => (stdout += data.toString()));
      channel.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      channel.on('exit', (exitCode: number | null) => (code = exitCode));
      // 'close' can come before buffered data has been emitted; 'end' comes after the last byte.
      const ended = new Promise((done) => channel.once('end', done));
      channel.on('close', () => void ended.then(() => resolve({ stdout, stderr, code })));
    });
  });
}

/** Opens a pty shell channel. */
export function openShell(client: ssh2.Client, pty: PseudoTtyOptions): Promise<ClientChannel> {
  return new Promise((resolve, reject) => client.shell(pty, (error, channel) => (error ? reject(error) : resolve(channel))));
}

/** Collects a channel's output and resolves once `pattern` has appeared in it. */
export function waitForOutput(channel: ClientChannel, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve) => {
    let seen = '';
    const onData = (data: Buffer): void => {
      seen += data.toString();
      const match = seen.match(pattern);
      if (match) {
        channel.off('data', onData);
        resolve(match);
      }
    };
    channel.on('data', onData);
  });
}

/** Runs Debian's OpenSSH client non-interactively with a private key file; resolves with its output and status. */
export async function openSshClient(
  port: number,
  user: string,
  privateKey: string,
  command: string,
): Promise<{ stdout: string; stderr: string; code: number }> {
  const keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'ssh-key-')), 'id');
  await writeFile(keyFile, privateKey, { mode: 0o600 });
  const args = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'IdentitiesOnly=yes', '-o', 'LogLevel=ERROR', '-i', keyFile, '-p', String(port), `${user}@127.0.0.1`, command];
  try {
    const { stdout, stderr } = await run('ssh', args, { timeout: 30_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  } finally {
    await rm(path.dirname(keyFile), { recursive: true, force: true });
  }
}

export { processAlive } from '../../../helpers/eventually';
