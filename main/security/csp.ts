/**
 * The one Content-Security-Policy for the renderer in both hosts: only our own scripts, no eval, no plugins, no
 * framing; connections only to our own origin (the web host's WebSocket is same-origin). Styles allow inline because
 * Fluent UI (Griffel) and xterm.js insert style rules at runtime; scripts never do.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
