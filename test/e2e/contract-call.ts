import type { Page } from '@playwright/test';

/** One contract call from the page over its own socket (the page's origin and token cookie), as the renderer makes it. */
export async function contractCall(page: Page, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ([name, body]) => {
      const ws = new WebSocket(`ws://${location.host}/ws${location.search}`);
      await new Promise((resolve) => ws.addEventListener('open', resolve));
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
    [channel, payload] as const,
  );
}
