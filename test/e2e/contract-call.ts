import type { Page } from '@playwright/test';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../../contract/transport';
import { tokenStorageKey } from '../../renderer/ipc/web-bridge';

/**
 * One contract call from the page over a socket of its own, authenticated as the renderer does it: the page's
 * origin and the token the page took from its address into sessionStorage (sent as a subprotocol).
 */
export async function contractCall(page: Page, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ({ name, body, storageKey, protocol, prefix }) => {
      const ws = new WebSocket(`ws://${location.host}/ws`, [protocol, `${prefix}${sessionStorage.getItem(storageKey) ?? ''}`]);
      await new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve);
        ws.addEventListener('error', () => reject(new Error('the web host refused the socket')));
      });
      const result = await new Promise<{ ok: boolean }>((resolve) => {
        ws.addEventListener('message', (m) => {
          const data = JSON.parse(String(m.data));
          if (data.id === 1) resolve(data.result);
        });
        ws.send(JSON.stringify({ id: 1, channel: name, payload: body }));
      });
      ws.close();
      return result;
    },
    { name: channel, body: payload, storageKey: tokenStorageKey, protocol: contractSubprotocol, prefix: tokenSubprotocolPrefix },
  );
}
