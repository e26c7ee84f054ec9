/**
 * The signed-in API key lives in sessionStorage: it is gone when the tab closes and is never
 * written to localStorage, so a shared workstation does not keep it.
 */
const API_KEY_STORAGE_KEY = 'custos.apiKey';

export function readApiKey(): string | null {
  return sessionStorage.getItem(API_KEY_STORAGE_KEY);
}

export function writeApiKey(key: string): void {
  sessionStorage.setItem(API_KEY_STORAGE_KEY, key);
}

export function clearApiKey(): void {
  sessionStorage.removeItem(API_KEY_STORAGE_KEY);
}
