import { z } from 'zod';
import { event, invoke } from '../channel';
import { accountIdSchema } from './accounts';
import { environmentNameSchema } from './jobs';
import { nodeIdSchema, nodeUserNameSchema, poolIdSchema } from './provision';

/**
 * Unacknowledged chars above which main pauses a session's source (ssh2 channel or pty) while output is slow or
 * interactive; it resumes below half. For a renderer that parses fast, main raises the mark to what it parses in 40 ms
 * (main/terminal/output-pump.ts), so the pipe never runs dry.
 */
export const flowHighWaterChars = 100_000;
/**
 * The renderer acknowledges parsed output in whole units of this many chars (five per least high mark, so
 * acknowledging stays continuous), at most every 10 ms at bulk rates (contract/terminal-acks.ts).
 */
export const flowAckUnitChars = 20_000;
/** Most sessions one broadcast may address, and most panes of the split view. */
export const maxBroadcastSessions = 64;
/** Panes the split view shows at once. */
export const maxPanes = 4;

/** Identifies one terminal session (an SSH shell or a local pty): every stream message carries it. */
export const sessionIdSchema = z.string().regex(/^term-[A-Za-z0-9-]{1,64}$/, 'Not a terminal session id.');

/**
 * A terminal dimension. Any finite number is accepted and clamped to 1–1000 columns/rows (a pane that collapses to
 * zero while the window is dragged still gets a valid size); NaN and Infinity fail the schema and change nothing.
 */
const dimensionSchema = z.number().finite().transform((n) => Math.min(1000, Math.max(1, Math.floor(n))));

/** Size of a terminal in character cells. */
export const terminalSizeSchema = z.object({ cols: dimensionSchema, rows: dimensionSchema });

/** Initial size for a new session; 80×24 when the pane is not laid out yet. */
const openSizeSchema = z.object({ cols: dimensionSchema.default(80), rows: dimensionSchema.default(24) });

/** How a host key is shown: its type and OpenSSH's SHA256 fingerprint. */
export const hostKeyViewSchema = z.object({
  keyType: z.string(),
  /** `SHA256:` + unpadded base64 of the key blob's SHA-256, as `ssh-keygen -l` prints it. */
  fingerprint: z.string(),
});

/** A host key view. */
export type HostKeyView = z.infer<typeof hostKeyViewSchema>;

/** A key some trust source already holds for a host: ours, or the user's ~/.ssh/known_hosts (read only). */
export const knownHostKeySchema = hostKeyViewSchema.extend({ source: z.enum(['trust-store', 'known_hosts']) });

/** A key a trust source already holds. */
export type KnownHostKey = z.infer<typeof knownHostKeySchema>;

/** Where a session stands; the renderer shows each state plainly and keeps scrollback through all of them. */
export const sessionStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connecting'), attempt: z.number().int() }),
  /** The host key is not known: the user must trust or reject it (connection waits before any authentication). */
  z.object({
    state: z.literal('host-key-prompt'),
    hostKeyId: z.string(),
    key: hostKeyViewSchema,
    /** Keys of other types already known for this host (OpenSSH mentions them too). */
    otherKnown: z.array(knownHostKeySchema),
  }),
  /** The host presented a key that differs from a trusted one: blocked, nothing was sent. No one-click accept. */
  z.object({
    state: z.literal('host-key-changed'),
    hostKeyId: z.string(),
    presented: hostKeyViewSchema,
    known: z.array(knownHostKeySchema),
  }),
  z.object({ state: z.literal('connected') }),
  z.object({ state: z.literal('reconnecting'), attempt: z.number().int(), delayMs: z.number().int(), reason: z.string() }),
  z.object({ state: z.literal('disconnected'), reason: z.string(), code: z.string().optional() }),
  z.object({ state: z.literal('exited'), exitCode: z.number().int().nullable(), signal: z.string().nullable() }),
]);

/** A session status. */
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** What a session is to the UI: never carries secrets. */
export interface TerminalSessionInfo {
  sessionId: string;
  kind: 'ssh' | 'local';
  /** Tab title, e.g. `pool-a / tvmps_…_d` or `Local shell`. */
  label: string;
  /**
   * For node sessions, what was opened (to show and to reopen). `accountId` is the account the session was opened
   * with: reconnects use it, whatever account is active since.
   */
  node?: { accountId: string; poolId: string; nodeId: string; user: string; command?: string };
  status: SessionStatus;
  cols: number;
  rows: number;
}

/** A session as `term:list` returns it: with the screen to restore after a renderer reload. */
export interface TerminalSessionSnapshot extends TerminalSessionInfo {
  /** Escape sequences that rebuild scrollback, screen, cursor and modes in a fresh xterm. */
  screen?: string;
  /** The stream offset the screen covers: drop `term:data` chunks whose `seq` is below it. */
  seq: number;
}

/** A trusted host key in our own store. */
export interface TrustedHostKey extends HostKeyView {
  hostKeyId: string;
  addedAt: string;
}

/** True when text can go on one shell line: no line break or other control character (a line break would run what follows). */
export function fitsShellLine(text: string): boolean {
  return ![...text].some((ch) => (ch < ' ' && ch !== '\t') || ch === '\u007f');
}

const shellTextSchema = z.string().max(32_768).refine(fitsShellLine, 'Line breaks and control characters cannot be sent to a shell line.');

/** Where a new node shell starts: an absolute folder and variables to export, written into the shell once after the first connect. */
export const startInSchema = z
  .object({
    directory: shellTextSchema.min(1).refine((d) => d.startsWith('/'), 'The start folder must be an absolute path.'),
    environment: z.array(z.object({ name: environmentNameSchema, value: shellTextSchema }).strict()).max(300).default([]),
  })
  .strict();

/** A start folder and environment (after defaults). */
export type StartIn = z.output<typeof startInSchema>;

const sessionRef = z.object({ sessionId: sessionIdSchema }).strict();

/** Channels of the terminal feature: sessions keyed by id, input in, output out as events. */
export const terminalChannels = {
  /**
   * Opens an SSH shell to a node of the named account's pool as a provisioned user, or runs `command` there on a pty.
   * Resolves at once; progress arrives as `term:status`. The session keeps `accountId` for every reconnect.
   */
  'term:open-node': invoke(
    z
      .object({
        accountId: accountIdSchema,
        poolId: poolIdSchema,
        nodeId: nodeIdSchema,
        user: nodeUserNameSchema,
        command: z.string().min(1).max(4096).optional(),
        /** Once, after the first connect: `cd` there and export these (tasks' "Open a shell here"). */
        startIn: startInSchema.optional(),
      })
      .extend(openSizeSchema.shape)
      .strict(),
  ).returns<TerminalSessionInfo>(),
  /** Opens a local shell (the user's login shell through node-pty). */
  'term:open-local': invoke(openSizeSchema.strict()).returns<TerminalSessionInfo>(),
  /** Sends keystrokes or a paste to one session, or the same bytes to many (broadcast). Unknown ids change nothing. */
  'term:input': invoke(
    z
      .object({
        sessionIds: z.array(sessionIdSchema).min(1).max(maxBroadcastSessions),
        data: z.string().min(1).max(1_000_000),
      })
      .strict(),
  ).returns<{ delivered: string[]; skipped: string[] }>(),
  /** The pane's new size; output is flushed before the remote sees the change. */
  'term:resize': invoke(sessionRef.extend(terminalSizeSchema.shape).strict()).returns<{ cols: number; rows: number }>(),
  /** The renderer parsed this many more chars (sent in units of {@link flowAckUnitChars}). */
  'term:ack': invoke(sessionRef.extend({ chars: z.number().int().min(1).max(100_000_000) }).strict()).returns<{
    unackedChars: number;
  }>(),
  /** Ends a session (closes the shell, keeps nothing). */
  'term:close': invoke(sessionRef).returns<{ closed: string }>(),
  /**
   * Reconnects a disconnected SSH session in place, keeping its scrollback, to the account, pool and node it was opened
   * with (the session holds its account: a request cannot redirect it to another one).
   */
  'term:reconnect': invoke(sessionRef).returns<TerminalSessionInfo>(),
  /** Every live session, with screens to restore (after a renderer reload). Resets flow control for them. */
  'term:list': invoke(z.object({ screens: z.boolean().default(true) }).strict()).returns<TerminalSessionSnapshot[]>(),
  /** Answers a host-key prompt: trust (remember the key) or reject (the connection ends before authentication). */
  'hostkeys:decide': invoke(
    z
      .object({ hostKeyId: z.string().min(1).max(300), fingerprint: z.string().min(1).max(200), decision: z.enum(['trust', 'reject']) })
      .strict(),
  ).returns<{ settled: number }>(),
  /** Keys in our own trust store (known_hosts is shown by the prompt, never listed or changed here). */
  'hostkeys:list': invoke(z.object({}).strict()).returns<TrustedHostKey[]>(),
  /** Removes one trusted key from our store, after the user confirmed it (a changed key is never replaced in one step). */
  'hostkeys:forget': invoke(
    z.object({ hostKeyId: z.string().min(1).max(300), fingerprint: z.string().min(1).max(200) }).strict(),
  ).returns<{ removed: boolean }>(),
};

/** Events of the terminal feature pushed from main to the renderer. */
export const terminalEvents = {
  /** Output of a session, batched (≤ 5 ms); `seq` is the stream offset of the chunk's first char. */
  'term:data': event(z.object({ sessionId: z.string(), data: z.string(), seq: z.number().int() })),
  /** The shell ended (remote `exit`, local shell quit, or closed by the user). */
  'term:exit': event(
    z.object({ sessionId: z.string(), exitCode: z.number().int().nullable(), signal: z.string().nullable() }),
  ),
  /** A session's state changed. */
  'term:status': event(z.object({ sessionId: z.string(), status: sessionStatusSchema })),
};
