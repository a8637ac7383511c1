import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The GitHub Pages workflow (README "Host it"): it must build with the lockfile and publish
 * exactly dist/ through the three Pages actions, with the permissions deploy-pages needs.
 * (No YAML library here: the file is read as lines, in order.)
 */
const yml = readFileSync(new URL('../../.github/workflows/pages.yml', import.meta.url), 'utf8');
const lines = yml.split('\n').map((l) => l.trim());
const at = (re: RegExp) => lines.findIndex((l) => re.test(l));

describe('.github/workflows/pages.yml', () => {
  it('builds with npm ci && npm run build, then configure-pages → upload-pages-artifact(dist) → deploy-pages', () => {
    const configure = at(/^- uses: actions\/configure-pages@v\d+$/);
    const build = at(/^run: npm ci && npm run build$/);
    const upload = at(/^- uses: actions\/upload-pages-artifact@v\d+$/);
    const deploy = at(/^uses: actions\/deploy-pages@v\d+$/);
    expect([configure, build, upload, deploy].every((i) => i >= 0)).toBe(true);
    expect(configure < build && build < upload && upload < deploy).toBe(true);
    expect(lines[upload + 2]).toBe('path: dist');
    expect(lines).toContain('needs: build');
  });

  it('asks for the Pages permissions and runs on pushes to main', () => {
    expect(lines).toContain('pages: write');
    expect(lines).toContain('id-token: write');
    expect(lines).toContain('branches: [main]');
    // The Node version the project supports (package.json engines).
    const engines = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).engines.node as string;
    const node = Number(/node-version: (\d+)/.exec(yml)?.[1]);
    expect(node).toBeGreaterThanOrEqual(Number(/\d+/.exec(engines)![0]));
  });
});
