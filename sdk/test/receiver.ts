import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A partner's fetch-style handler, as in a Next.js route, Hono or a Cloudflare Worker. */
export type Handler = (request: Request) => Promise<Response> | Response;

/**
 * An HTTP server on 127.0.0.1 standing in for a partner's server: each request Koban sends it
 * becomes a fetch `Request` for `handle`, and is kept (raw body and headers) in `received`.
 */
export async function startReceiver(handle: Handler) {
  const received: { headers: Headers; body: string }[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = new Headers();
    for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
      headers.append(incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string);
    }
    received.push({ headers, body });
    const url = `http://${incoming.headers.host}${incoming.url}`;
    const answer = await Promise.resolve(handle(new Request(url, { method: incoming.method, headers, body }))).catch(
      (error) => new Response(String(error), { status: 500 }),
    );
    outgoing.writeHead(answer.status, Object.fromEntries(answer.headers));
    outgoing.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
