import ssh2, { type AuthContext } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../../emulator/node-runtime/host-keys';
import { checkLogin } from '../../../../emulator/node-runtime/ssh-auth';
import type { NodeUserRecord } from '../../../../emulator/node-runtime/types';

const { utils } = ssh2;
const now = new Date('2026-11-25T12:00:00Z');
const later = new Date('2026-11-26T12:00:00Z');

function keyPair(type: 'ed25519' | 'rsa') {
  const pair = type === 'rsa' ? utils.generateKeyPairSync('rsa', { bits: 2048 }) : generateEd25519KeyPair();
  const priv = utils.parseKey(pair.private);
  if (priv instanceof Error) throw priv;
  return { publicLine: pair.public, priv };
}

/** An authentication attempt shaped as ssh2 hands it to the server. */
function publicKeyAttempt(
  username: string,
  signer: ReturnType<typeof keyPair>['priv'],
  opts: { sign?: boolean; hashAlgo?: string; tamper?: boolean } = {},
) {
  const blob = Buffer.from('session-id-and-userauth-request');
  const signature = opts.sign === false ? undefined : signer.sign(opts.tamper ? Buffer.from('other') : blob, opts.hashAlgo);
  return {
    username,
    method: 'publickey',
    key: { algo: signer.type, data: signer.getPublicSSH() },
    blob: opts.sign === false ? undefined : blob,
    signature,
    hashAlgo: opts.hashAlgo,
  } as unknown as AuthContext;
}

const passwordAttempt = (username: string, password: string) =>
  ({ username, method: 'password', password }) as unknown as AuthContext;

describe('node login checks', () => {
  const alice = keyPair('ed25519');
  const users: NodeUserRecord[] = [
    { name: 'alice', isAdmin: true, expiryTime: later, sshPublicKey: alice.publicLine },
    { name: 'carol', isAdmin: false, expiryTime: later, password: 'p@ss word' },
    { name: 'old', isAdmin: false, expiryTime: now, password: 'x' },
  ];

  it('accepts the user key with a valid signature, and the key query that precedes it', () => {
    expect(checkLogin(publicKeyAttempt('alice', alice.priv), users, now).accepted).toBe(true);
    expect(checkLogin(publicKeyAttempt('alice', alice.priv, { sign: false }), users, now).accepted).toBe(true);
  });

  it('refuses a signature that does not cover the request', () => {
    expect(checkLogin(publicKeyAttempt('alice', alice.priv, { tamper: true }), users, now)).toEqual({
      accepted: false,
      reason: 'bad signature',
    });
  });

  it('refuses another key, another user name and a user with no key', () => {
    const other = keyPair('ed25519');
    expect(checkLogin(publicKeyAttempt('alice', other.priv), users, now)).toMatchObject({ reason: 'key not authorized' });
    expect(checkLogin(publicKeyAttempt('bob', alice.priv), users, now)).toMatchObject({ reason: 'unknown user' });
    expect(checkLogin(publicKeyAttempt('carol', alice.priv), users, now)).toMatchObject({ reason: 'no usable public key' });
  });

  it('accepts RSA keys signed with rsa-sha2-256', () => {
    const rsa = keyPair('rsa');
    const rsaUsers = [{ name: 'r', isAdmin: false, expiryTime: later, sshPublicKey: rsa.publicLine }];
    expect(checkLogin(publicKeyAttempt('r', rsa.priv, { hashAlgo: 'sha256' }), rsaUsers, now).accepted).toBe(true);
  });

  it('checks passwords exactly and refuses expired users even with the right secret', () => {
    expect(checkLogin(passwordAttempt('carol', 'p@ss word'), users, now).accepted).toBe(true);
    expect(checkLogin(passwordAttempt('carol', 'p@ss wor'), users, now)).toMatchObject({ reason: 'wrong password' });
    expect(checkLogin(passwordAttempt('alice', ''), users, now)).toMatchObject({ reason: 'wrong password' });
    expect(checkLogin(passwordAttempt('old', 'x'), users, now)).toMatchObject({ reason: 'user expired' });
  });

  it('offers nothing for keyboard-interactive or none', () => {
    const attempt = (method: string) => ({ username: 'carol', method }) as unknown as AuthContext;
    expect(checkLogin(attempt('keyboard-interactive'), users, now).accepted).toBe(false);
    expect(checkLogin(attempt('none'), users, now).accepted).toBe(false);
  });
});

describe('node key generation', () => {
  it('never hands out a key that ssh2 itself cannot read back', () => {
    for (let i = 0; i < 600; i++) {
      const pair = generateEd25519KeyPair();
      expect(utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
      expect(utils.parseKey(pair.public)).not.toBeInstanceOf(Error);
    }
  });
});
