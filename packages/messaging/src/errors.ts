/** Thrown by a handler when retrying cannot help: the message goes straight to the dead letters. */
export class PermanentError extends Error {
  override name = "PermanentError";
}
