/** How many characters of a base32 secret go in one group when it is typed by hand. */
const SECRET_GROUP_LENGTH = 4;

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read off and type. */
export function groupSecret(secret: string): string {
  const groups: string[] = [];
  for (let index = 0; index < secret.length; index += SECRET_GROUP_LENGTH) {
    groups.push(secret.slice(index, index + SECRET_GROUP_LENGTH));
  }
  return groups.join(' ');
}

/**
 * The server's QR code as an image source. An <img> never runs what an SVG contains, so the
 * markup is not trusted with the page the way innerHTML would trust it.
 */
export function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
