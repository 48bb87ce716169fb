import type { ImportSummary } from "@koban/clearing";
import { inSpan } from "@koban/observability";
import { type Gateway, networkRequest } from "@koban/processing";
import Fastify, { type FastifyInstance } from "fastify";

/** ISO 8583 field 39 "format error": the message could not be read. Nothing of it is echoed back. */
const FORMAT_ERROR = { response_code: "30" };

/**
 * The network gateway's HTTP edge: ISO 8583 messages as JSON, `POST /messages`, one per request,
 * answered with the response message. Fastify's own request logging stays off: a body carries a
 * PAN, so nothing here logs a request; the gateway logs what it decided, by authorization id.
 */
export async function buildGatewayServer(
  gateway: Gateway,
  clearing?: (file: { name: string; text: string }) => Promise<ImportSummary>,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });
  // A body that is not JSON is a format error (30); anything else is the issuer's fault (96).
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) =>
    (error.statusCode ?? 500) < 500
      ? reply.status(400).send(FORMAT_ERROR)
      : reply.status(500).send({ response_code: "96" }),
  );

  app.get("/health", async () => ({ status: "ok" }));

  app.post("/messages", async (request, reply) => {
    const parsed = networkRequest.safeParse(request.body);
    if (!parsed.success) {
      return reply.status(400).send({ ...FORMAT_ERROR, fields: parsed.error.issues.map((i) => i.path.join(".")) });
    }
    const message = parsed.data;
    const traceparent = request.headers.traceparent;
    // The saga's trace starts here (or continues the network's, when it sends one).
    return inSpan(
      `gateway ${message.mti}`,
      { kind: "server", ...(typeof traceparent === "string" ? { traceparent } : {}) },
      () => {
        switch (message.mti) {
          case "0100":
            return gateway.authorize(message);
          case "0120":
            return gateway.advise(message);
          case "0400":
            return gateway.reverse(message);
        }
      },
    );
  });
  if (clearing) {
    /**
     * Internal: the network delivers a clearing file (its text, `text/plain`); answered with what
     * became of its lines. Not part of the partner API. Errors name lines, never their content.
     */
    app.post("/clearing/files", { bodyLimit: 256 * 1024 * 1024 }, async (request, reply) => {
      if (typeof request.body !== "string") return reply.status(415).send({ error: "send the file as text/plain" });
      const name = (request.query as { name?: unknown }).name;
      return clearing({ name: typeof name === "string" && name ? name : "clearing-file", text: request.body });
    });
  }
  return app;
}
