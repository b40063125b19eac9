import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

// The workspace UI. Vite 8 transforms TSX with its built-in oxc, so no React plugin is needed; the automatic JSX
// runtime is asked for explicitly. The build must run under the server's CSP (script-src 'self'; style-src 'self'):
// no inline scripts or styles are emitted, and every asset is a file served from the same origin.
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Stays under the CSP: no data: URLs for fonts or scripts, no module-preload polyfill injected inline.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Server Component markers ("use client") in react-query mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4600', '/healthz': 'http://127.0.0.1:4600' } },
});
