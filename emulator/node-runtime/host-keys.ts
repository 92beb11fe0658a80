import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
// Default import: ssh2 is CommonJS and its named exports are invisible to Node's native ESM loader.
import ssh2 from 'ssh2';

const { utils } = ssh2;

/**
 * Returns the node's SSH host key (OpenSSH private key text), generating an ed25519 key the first time.
 * The key is written to a temp file and hard-linked into place, so two concurrent callers can never
 * end up serving different keys: the loser of the link race reads the winner's key.
 */
export async function loadOrCreateHostKey(file: string): Promise<string> {
  const existing = await readKey(file);
  if (existing !== undefined) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const pair = generateEd25519KeyPair(path.basename(file));
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, pair.private, { mode: 0o600 });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temp, { force: true });
  }
  const stored = await readKey(file);
  if (stored === undefined) throw new Error(`Host key ${file} vanished while it was being created`);
  return stored;
}

/**
 * An ed25519 key pair in OpenSSH format. ssh2 1.17's generator drops a leading zero byte of the public key
 * (about 1 key in 256), which yields a key nothing can parse; such keys are thrown away and drawn again.
 */
export function generateEd25519KeyPair(comment = ''): { private: string; public: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    const readable = [pair.private, pair.public].every((text) => !(utils.parseKey(text) instanceof Error));
    if (readable) return pair;
  }
}

async function readKey(file: string): Promise<string | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    const parsed = utils.parseKey(text);
    if (parsed instanceof Error) throw new Error(`Host key ${file} is unreadable: ${parsed.message}`);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
