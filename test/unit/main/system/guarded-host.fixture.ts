// A tiny host for process-guards.test.ts: installs the guards with the app's real logger, then lets a promise reject
// unhandled and a timer callback throw — each would end an unguarded Node process — and proves it still serves.
import { createServer } from 'node:http';
import { ConsoleFileLogger, SecretRedactor } from '../../../../main/log';
import { installProcessGuards } from '../../../../main/system/process-guards';

const redactor = new SecretRedactor();
redactor.add('s3cret-account-key');
installProcessGuards(new ConsoleFileLogger(redactor));

void Promise.reject(new Error('listing pools failed with key s3cret-account-key'));
setTimeout(() => {
  throw new Error('a callback threw');
}, 10);

const server = createServer((_request, response) => response.end('still serving'));
server.listen(0, '127.0.0.1', () => {
  setTimeout(() => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    void fetch(`http://127.0.0.1:${port}/`)
      .then(async (response) => process.stdout.write(await response.text()))
      .finally(() => server.close());
  }, 100);
});
