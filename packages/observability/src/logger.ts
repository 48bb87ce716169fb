import { AsyncLocalStorage } from "node:async_hooks";
import { trace } from "@opentelemetry/api";
import { type Logger, pino } from "pino";

export type { Logger };

type LogContext = Record<string, string | undefined>;
const logContext = new AsyncLocalStorage<LogContext>();

/** Runs fn with fields (correlation id, message id, ...) added to every log line it writes. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...fields }, fn);
}

/**
 * Structured JSON logs on stdout. Every line carries the active trace and span ids and
 * the message context, so one grep for a trace id follows a request through every process.
 */
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.KOBAN_SERVICE ?? "koban", pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin() {
    const span = trace.getActiveSpan()?.spanContext();
    return {
      ...(span ? { trace_id: span.traceId, span_id: span.spanId } : {}),
      ...logContext.getStore(),
    };
  },
});

export function childLogger(bindings: Record<string, unknown>): Logger {
  return logger.child(bindings);
}
