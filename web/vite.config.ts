import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vite needs a default export here. The console builds from web/ into web/dist, which the
// API server serves at `/` with an index.html fallback for /console/* paths.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // In development the API runs separately; same-origin paths are proxied to it.
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
