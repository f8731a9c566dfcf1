// Renderer build: plain vite + esbuild JSX (no React plugin). Output is the static site
// the web host serves and Electron loads from disk, hence relative asset paths.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  root,
  base: './',
  publicDir: false,
  // React's production build (and JSX without dev-only source info) whenever vite builds
  // for production, whatever NODE_ENV the calling process has: vitest sets it to "test",
  // which would otherwise select React's development build (several times slower, with
  // effects run twice under StrictMode).
  esbuild: { jsx: 'automatic', jsxDev: mode !== 'production' },
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'production' ? 'production' : 'development') },
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // zod's sources carry /* @__PURE__ */ comments where Rollup cannot use them; Rollup
      // says so on every build, which a newcomer reads as an error. Only that note is dropped.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && /node_modules[\\/]zod[\\/]/.test(warning.id ?? '')) return;
        warn(warning);
      },
    },
  },
}));
