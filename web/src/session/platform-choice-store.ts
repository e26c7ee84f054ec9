/** A staff member's platform choice, per tab like the API key. */
const PLATFORM_STORAGE_KEY = 'custos.platformId';

export function readPlatformChoice(): string | null {
  return sessionStorage.getItem(PLATFORM_STORAGE_KEY);
}

export function writePlatformChoice(platformId: string): void {
  sessionStorage.setItem(PLATFORM_STORAGE_KEY, platformId);
}

export function clearPlatformChoice(): void {
  sessionStorage.removeItem(PLATFORM_STORAGE_KEY);
}
