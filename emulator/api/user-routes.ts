import type { Router } from './router';
import type { RequestContext } from './request-context';
import { jsonBody } from './request-context';
import { sendEmpty } from './respond';
import { fail } from './batch-error';
import { bool, dateTime, str } from './validate';
import { nodeOr404, type Emulator } from './emulator-context';
import { assertNodeReady } from './node-routes';
import { refOf } from '../state/node-lifecycle';
import { isWindowsPool } from '../state/pool-spec';
import { isoNow } from '../state/ids';
import type { JsonObject, StoredPool, StoredUser } from '../state/model';

const USER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const RESERVED_NAMES = new Set(['root', 'administrator', 'guest', 'daemon', 'bin', 'sys', 'sync', 'nobody', '_azbatch', 'defaultaccount']);
const SSH_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;
const ONE_DAY_MS = 24 * 3_600_000;

function credentials(body: JsonObject, pool: StoredPool): { password?: string; sshPublicKey?: string; expiryTime: string } {
  const password = str(body, 'password');
  const sshPublicKey = str(body, 'sshPublicKey');
  if (isWindowsPool(pool)) {
    if (sshPublicKey !== undefined) throw fail.invalidProperty('sshPublicKey', 'SSH public keys can be specified only for Linux nodes.');
    if (password === undefined) throw fail.missingProperty('password');
  }
  if (sshPublicKey !== undefined && !SSH_KEY.test(sshPublicKey.trim())) {
    throw fail.invalidProperty('sshPublicKey', 'The value must be an OpenSSH public key such as "ssh-ed25519 AAAA… comment".');
  }
  if (password !== undefined && password.length === 0) throw fail.invalidProperty('password', 'The password must not be empty.');
  const expiry = dateTime(body, 'expiryTime');
  if (expiry && expiry.getTime() <= Date.now()) throw fail.invalidProperty('expiryTime', 'The expiry time must be in the future.', body.expiryTime);
  const result: { password?: string; sshPublicKey?: string; expiryTime: string } = {
    expiryTime: isoNow(expiry ?? new Date(Date.now() + ONE_DAY_MS)),
  };
  if (password !== undefined) result.password = password;
  if (sshPublicKey !== undefined) result.sshPublicKey = sshPublicKey.trim();
  return result;
}

function userUrl(ctx: RequestContext, poolId: string, nodeId: string, name: string): string {
  return `${ctx.endpoint}/pools/${poolId}/nodes/${nodeId}/users/${encodeURIComponent(name)}`;
}

async function addUser(em: Emulator, ctx: RequestContext): Promise<void> {
  const { pool, node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  const body = jsonBody(ctx);
  const name = str(body, 'name', { required: true, max: isWindowsPool(pool) ? 20 : 32, pattern: USER_NAME, reason: 'User names start with a letter or underscore and contain letters, digits, underscores, periods and hyphens.' }) as string;
  if (RESERVED_NAMES.has(name.toLowerCase())) throw fail.invalidProperty('name', `The user name '${name}' is reserved.`, name);
  const isAdmin = bool(body, 'isAdmin') ?? false;
  const creds = credentials(body, pool);
  assertNodeReady(node);
  if (node.users.some((u) => u.name.toLowerCase() === name.toLowerCase())) throw fail.nodeUserExists();
  const user: StoredUser = { name, isAdmin, ...creds };
  node.users.push(user);
  em.store.changed();
  await em.nodes.ensureSsh(node).catch(() => undefined);
  const url = userUrl(ctx, pool.id, node.id, name);
  sendEmpty(ctx, 201, { DataServiceId: url, Location: url });
}

function findUser(em: Emulator, ctx: RequestContext) {
  const { pool, node } = nodeOr404(em, ctx.params.poolId as string, ctx.params.nodeId as string);
  const name = (ctx.params.userName as string).toLowerCase();
  const index = node.users.findIndex((u) => u.name.toLowerCase() === name);
  return { pool, node, index };
}

async function updateUser(em: Emulator, ctx: RequestContext): Promise<void> {
  const { pool, node, index } = findUser(em, ctx);
  const body = jsonBody(ctx);
  const creds = credentials(body, pool);
  assertNodeReady(node);
  const existing = node.users[index];
  if (!existing) throw fail.nodeUserNotFound();
  // PUT replaces: an omitted password or key is removed, an omitted expiry becomes one day from now.
  node.users[index] = { name: existing.name, isAdmin: existing.isAdmin, ...creds };
  em.store.changed();
  em.runtime.endUserSessions(refOf(node), existing.name);
  await em.nodes.ensureSsh(node).catch(() => undefined);
  sendEmpty(ctx, 200, { DataServiceId: userUrl(ctx, pool.id, node.id, existing.name) });
}

function deleteUser(em: Emulator, ctx: RequestContext): void {
  const { node, index } = findUser(em, ctx);
  const existing = node.users[index];
  if (!existing) throw fail.nodeUserNotFound();
  assertNodeReady(node);
  node.users.splice(index, 1);
  em.store.changed();
  em.runtime.endUserSessions(refOf(node), existing.name);
  sendEmpty(ctx, 200);
}

/** Registers node user operations. */
export function addUserRoutes(router: Router, em: Emulator): void {
  router
    .add('POST', 'pools/:poolId/nodes/:nodeId/users', (ctx) => addUser(em, ctx))
    .add('PUT', 'pools/:poolId/nodes/:nodeId/users/:userName', (ctx) => updateUser(em, ctx))
    .add('DELETE', 'pools/:poolId/nodes/:nodeId/users/:userName', (ctx) => deleteUser(em, ctx));
}
