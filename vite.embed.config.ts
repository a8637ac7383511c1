import { defineConfig, type Plugin } from 'vite';
import { readFileSync } from 'node:fs';

/**
 * The embeddable session (docs/embedding.md): `dist/embed/mail-session.js`, one ES module
 * with no imports, and the engine worker it starts (dist/embed/assets/). Built after the site
 * (`npm run build`) into dist/embed/, with an example page as dist/embed/index.html.
 */
function examplePage(): Plugin {
  return {
    name: 'mpp-embed-example',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'index.html', source: readFileSync('web/embed/example.html', 'utf8') });
    },
  };
}

export default defineConfig({
  base: './',
  publicDir: false,
  plugins: [examplePage()],
  // The worker runs from a blob: URL (another origin may host the script), where it cannot
  // import chunks beside it: the servers and extensions the site loads on demand are inlined.
  worker: { format: 'es', rolldownOptions: { output: { codeSplitting: false } } },
  build: {
    outDir: 'dist/embed',
    emptyOutDir: true, // dist/embed/ only: the site's own build is next to it
    target: 'es2022',
    minify: true,
    lib: { entry: 'web/embed/mail-session.ts', formats: ['es'], fileName: () => 'mail-session.js' },
  },
});
