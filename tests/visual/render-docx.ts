// Renders sample documents for people to look at: one project table per layout (A–D),
// the 唐山市 department book (B, seed 002) and the 申报表 run (C), as DOCX → PDF
// (LibreOffice) → PNG pages (pdftoppm -r 60), plus the HTML print view of one table per
// layout; and the 报送稿 (cover, signature lines) of each layout's first three tables,
// first pages at 1366 px wide. Not part of `npm test`.
//
//   npx tsx tests/visual/render-docx.ts [outDir]      (default tests/visual/out, git-ignored)
//
// Needs: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai
//        fonts-arphic-uming poppler-utils
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBookLayout, buildProjectLayout } from '../../shared/layout/index.ts';
import type { LayoutDocument } from '../../shared/layout/index.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { docxBytes } from '../../electron/export/docx/writer.ts';
import { loadSeedCorpus } from '../../tools/seed-corpus.ts';

const outDir = resolve(process.argv[2] ?? fileURLToPath(new URL('./out/', import.meta.url)));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const docs: Array<[string, LayoutDocument]> = [];
for (const c of loadSeedCorpus()) {
  // The second table of each seed: a typical one (the first of 000 is typical too).
  const p = c.projects[1] ?? c.projects[0]!;
  const unit = c.units.find((u) => u.code === p.unitCode)!;
  docs.push([`project-${c.templateId}`, buildProjectLayout(p, unit)]);
  const first = c.projects.filter((q) => q.unitCode === p.unitCode).slice(0, 3);
  docs.push([`submission-${c.templateId}`, buildBookLayout({ year: p.year, units: [{ unit, projects: first }], print: { kind: 'submission', signature: 'table' } })]);
  if (c.templateId === 'B' || c.templateId === 'C') {
    const units = c.units.map((u) => ({ unit: u, projects: c.projects.filter((q) => q.unitCode === u.code) }));
    docs.push([`book-${c.templateId}`, buildBookLayout({ year: p.year, units, deptTarget: c.deptTargets[0] ?? null })]);
  }
}

for (const [name, doc] of docs) {
  writeFileSync(join(outDir, `${name}.docx`), await docxBytes(doc));
  if (name.startsWith('project-')) writeFileSync(join(outDir, `${name}.html`), renderHtml(doc));
}
const docxFiles = docs.map(([n]) => `${n}.docx`);
execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', outDir, ...docxFiles.map((f) => join(outDir, f))], {
  stdio: 'inherit',
  env: { ...process.env, HOME: join(outDir, '.lo-profile') },
});
for (const [name] of docs) {
  const pdf = join(outDir, `${name}.pdf`);
  // Books: the first pages are enough to judge (contents, department part, first tables).
  const pages = name.startsWith('book-') ? ['-l', '6'] : [];
  const scale = name.startsWith('submission-') ? ['-l', '3', '-scale-to-x', '1366', '-scale-to-y', '-1'] : ['-r', '60'];
  execFileSync('pdftoppm', [...scale, '-png', ...pages, pdf, join(outDir, name)], { stdio: 'inherit' });
}
rmSync(join(outDir, '.lo-profile'), { recursive: true, force: true });
console.log(`PNG pages in ${outDir}:`);
for (const f of readdirSync(outDir).filter((f) => f.endsWith('.png')).sort()) console.log(`  ${f}`);
