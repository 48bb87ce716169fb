export { childLogger, type Logger, logger, withLogContext } from "./logger.ts";
export { currentTraceId, currentTraceparent, initTelemetry, inSpan, tracer } from "./tracing.ts";
