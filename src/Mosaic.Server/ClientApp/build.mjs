// Builds the dashboard into ../wwwroot (committed, so `dotnet run` serves it on a fresh machine with no npm):
//   npm ci && npm run build
// CI runs the same and fails when the committed files differ from a fresh build. It also copies axe-core's
// script beside the browser tests, which inject it into every page.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'wwwroot');
mkdirSync(join(out, 'assets'), { recursive: true });

await build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outfile: join(out, 'assets', 'app.js'),
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
});
await build({
  entryPoints: [join(here, 'src', 'app.css')],
  bundle: true,
  minify: true,
  outfile: join(out, 'assets', 'app.css'),
  logLevel: 'warning',
});
writeFileSync(join(out, 'index.html'), readFileSync(join(here, 'src', 'index.html')));

const axeTarget = join(here, '..', '..', '..', 'tests', 'Mosaic.Server.Tests', 'Browser', 'axe.min.js');
mkdirSync(dirname(axeTarget), { recursive: true });
copyFileSync(join(here, 'node_modules', 'axe-core', 'axe.min.js'), axeTarget);
