import { fileURLToPath, URL } from 'node:url'

import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Where `npm run dev` forwards REST and STOMP traffic: the api-service started locally.
const backend = process.env.MM_BACKEND_URL ?? 'http://localhost:8080'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    proxy: {
      // the api-service refuses state changes and WebSocket handshakes from other origins
      '/api': {
        target: backend,
        changeOrigin: true,
        configure: (proxy) => proxy.on('proxyReq', (request) => request.setHeader('Origin', backend)),
      },
      '/ws': {
        target: backend,
        changeOrigin: true,
        ws: true,
        configure: (proxy) => proxy.on('proxyReqWs', (request) => request.setHeader('Origin', backend)),
      },
    },
  },
  // `npm run build` writes to dist/; the Maven build passes --outDir target/classes/static.
  build: {
    outDir: 'dist',
  },
  test: {
    environment: 'jsdom',
    // one jsdom per worker rather than per test file: creating it took 77 of the suite's 132 s on two cores. The
    // files share no module mocks, and restoreMocks/unstubGlobals undo spies and stubbed globals after each test;
    // the suite passes in shuffled orders (--sequence.shuffle).
    isolate: false,
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
})
