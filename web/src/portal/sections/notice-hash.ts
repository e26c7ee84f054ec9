/**
 * The hash of a risk notice exactly as the portal shows it, computed like the server does:
 * SHA-256 over the NFC-normalised title, a blank line and the body, as lowercase hex. The
 * server refuses an acknowledgement whose hash differs from the current version's text.
 */
export async function shownNoticeSha256(title: string, body: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${title}\n\n${body}`.normalize('NFC'));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
