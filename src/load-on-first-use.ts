/**
 * A package loaded when something first needs it rather than when the process starts. Some
 * packages take a tenth of a second or more to load (passkeys, PDF, NATS, SMTP); every server
 * start and every CLI command would pay for them even when nothing uses them. The load starts
 * once and every caller awaits the same promise; a failed load fails every caller alike.
 */
export function loadOnFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
