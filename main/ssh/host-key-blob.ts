import { createHash } from 'node:crypto';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import type { HostKeyView } from '../../contract/features/terminal';

/** A host key as it travels in SSH: the wire blob, its type name and OpenSSH's SHA256 fingerprint. */
export interface HostKey extends HostKeyView {
  /** The public key blob (what the base64 in known_hosts decodes to). */
  blob: Buffer;
}

/** Reads the key type (the first SSH string of the blob); undefined when the blob is malformed. */
export function keyTypeOf(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return undefined;
  const name = blob.subarray(4, 4 + length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : undefined;
}

/** `SHA256:` + unpadded base64 of the blob's SHA-256, exactly as `ssh-keygen -lf` and OpenSSH prompts print it. */
export function sha256Fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Describes a presented key blob; throws on a blob that is not an SSH public key. */
export function hostKeyFromBlob(blob: Buffer): HostKey {
  const keyType = keyTypeOf(blob);
  if (!keyType) throw new Error('The server presented a host key that is not a valid SSH public key blob.');
  return { blob, keyType, fingerprint: sha256Fingerprint(blob) };
}

/**
 * The family a key type belongs to when deciding "changed" versus "another type": RSA keys are one key whichever
 * signature algorithm (ssh-rsa, rsa-sha2-256/512) negotiated it.
 */
export function keyFamily(keyType: string): string {
  return keyType.startsWith('rsa-sha2-') ? 'ssh-rsa' : keyType;
}

/**
 * The ssh2 host-key algorithm names that produce keys of a family, so known families can be preferred in
 * negotiation (as OpenSSH does) and a host with a known ECDSA key is not asked about its ed25519 one.
 */
export function hostKeyAlgorithmsFor(family: string): ServerHostKeyAlgorithm[] {
  const names = family === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [family];
  // Only names ssh2 can negotiate: it throws on others (e.g. security-key types a known_hosts file may hold).
  return names.filter((name): name is ServerHostKeyAlgorithm => (negotiable as readonly string[]).includes(name));
}

/** The host-key algorithms ssh2 supports. */
const negotiable = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
  'ssh-dss',
] as const satisfies readonly ServerHostKeyAlgorithm[];

/** OpenSSH's trust-store key for a host: `host` on port 22, `[host]:port` otherwise. */
export function hostKeyIdFor(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}
