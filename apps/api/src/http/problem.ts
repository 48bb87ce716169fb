import type { FastifyReply } from "fastify";

/** An RFC 9457 problem with one of the stable codes listed in openapi/. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly param?: string,
  ) {
    super(detail);
  }
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function problemBody(problem: Problem, requestId: string) {
  return {
    type: `https://docs.koban.dev/errors/${problem.code}`,
    title: titles[problem.status] ?? "Error",
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    ...(problem.param ? { param: problem.param } : {}),
    request_id: requestId,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  // Every 503 is temporary, and says when to come back.
  if (problem.status === 503 && !reply.hasHeader("Retry-After")) reply.header("Retry-After", "1");
  return reply
    .code(problem.status)
    .type("application/problem+json")
    .send(problemBody(problem, String(reply.request.id)));
}
