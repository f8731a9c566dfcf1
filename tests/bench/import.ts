// Import benchmark: a 200-table department book (seed 002's tables, layout B, repeated) as
// .docx and .doc, and 200 projects of layout C (seed 001's, repeated) as .xlsx and .xls,
// all made by LibreOffice from the corpus generator's HTML (tests/fixtures/foreign), once,
// cached by content hash. Each run previews and stores into a fresh database in its own
// process (tests/bench/import-work.ts); medians of RUNS runs. Targets: ≤ 2 s, ≤ 300 MB.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTemplate } from '../../shared/templates/index.ts';
import { CORPUS_TOOLS, corpusBook, type SeedId } from '../fixtures/foreign/generate.ts';
import { bookBlocks, bookHtml } from '../fixtures/foreign/html-book.ts';
import { RUNS, median } from './stats.ts';

const TABLES = 200;
const TARGET = { ms: 2000, rssMB: 300 };
const BOOKS: Array<{ seed: SeedId; name: string; formats: string[] }> = [
  { seed: '002', name: 'book-200', formats: ['docx', 'doc'] },
  { seed: '001', name: 'sheet-200', formats: ['xlsx', 'xls'] },
];

function bookOf(seed: SeedId): { html: string; unitCode: string; year: number } {
  const b = corpusBook(seed);
  const projects = Array.from({ length: TABLES }, (_, i) => ({ ...b.projects[i % b.projects.length]!, seq: i + 1 }));
  const blocks = bookBlocks({ template: getTemplate(b.templateId)!, units: b.units, year: b.year, projects, dept: b.dept });
  return { html: bookHtml(blocks), unitCode: b.units[0]!.code, year: b.year };
}

/** The bench files, made once per generator version into node_modules/.cache/jxmb. */
function ensureFiles(): string {
  const h = createHash('sha256');
  for (const f of ['html-book.ts', 'generate.ts']) h.update(readFileSync(join('tests/fixtures/foreign', f)));
  h.update(String(TABLES));
  const dir = join('node_modules/.cache/jxmb', `bench-import-${h.digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, 'done'))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  mkdirSync(tmp, { recursive: true });
  for (const b of BOOKS) writeFileSync(join(tmp, `${b.name}.html`), bookOf(b.seed).html);
  const lo = (filter: string, to: string, files: string[]) =>
    execFileSync('soffice', [`-env:UserInstallation=file://${join(process.cwd(), tmp, 'lo-profile')}`, '--headless', '--norestore', `--infilter=${filter}`, '--convert-to', to, ...files, '--outdir', '.'], {
      cwd: tmp,
      stdio: 'ignore',
      timeout: 600_000,
    });
  lo('HTML (StarWriter)', 'docx:MS Word 2007 XML', ['book-200.html']);
  lo('HTML (StarWriter)', 'doc:MS Word 97', ['book-200.html']);
  lo('HTML (StarCalc)', 'xlsx:Calc MS Excel 2007 XML', ['sheet-200.html']);
  lo('HTML (StarCalc)', 'xls:MS Excel 97', ['sheet-200.html']);
  rmSync(join(tmp, 'lo-profile'), { recursive: true, force: true });
  writeFileSync(join(tmp, 'done'), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

interface Run {
  ms: number;
  cpuMs: number;
  previewMs: number;
  maxRssMB: number;
  pauseMs: number;
  projects: number;
  previewKB: number;
}

export async function runImportBench(): Promise<void> {
  if (!CORPUS_TOOLS.libreoffice) {
    console.log('导入基准需要 LibreOffice（soffice）生成文件，本机没有，跳过');
    return;
  }
  const files = ensureFiles();
  const work = mkdtempSync(join(tmpdir(), 'jxmb-bench-import-'));
  try {
    console.log(`负载 ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
    console.log(`导入基准：${TABLES} 张表，预览并保存到新数据库；${RUNS} 次运行的中位数（每次独立进程，峰值内存为该进程的 maxRSS）`);
    console.log('文件'.padEnd(18) + '表'.padStart(5) + '预览 ms'.padStart(10) + '合计 ms'.padStart(10) + 'CPU ms'.padStart(10) + '峰值 MB'.padStart(10) + '最长停顿 ms'.padStart(13) + '预览 KB'.padStart(10) + '  达标');
    for (const b of BOOKS) {
      const { unitCode, year } = bookOf(b.seed);
      for (const fmt of b.formats) {
        const file = join(files, `${b.name}.${fmt}`);
        const rs: Run[] = [];
        let failed = '';
        for (let i = 0; i < RUNS && !failed; i++) {
          try {
            const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/import-work.ts', file, unitCode, String(year), join(work, `${b.name}-${fmt}-${i}.sqlite`)], {
              encoding: 'utf8',
              maxBuffer: 1 << 20,
              stdio: ['ignore', 'pipe', 'pipe'],
            });
            rs.push(JSON.parse(out.trim().split('\n').pop()!) as Run);
          } catch (e) {
            failed = /SpreadsheetError: ([^\n]*)|WordImportError: ([^\n]*)/.exec(String((e as { stderr?: string }).stderr ?? e))?.slice(1).find(Boolean) ?? String(e).slice(0, 120);
          }
        }
        if (failed) {
          console.log(`${b.name}.${fmt}`.padEnd(20) + `  失败：${failed}`);
          continue;
        }
        const m = (k: keyof Run) => median(rs.map((r) => r[k]));
        const ok = m('ms') <= TARGET.ms && m('maxRssMB') <= TARGET.rssMB;
        console.log(
          `${b.name}.${fmt}`.padEnd(20) +
            String(rs[0]!.projects).padStart(5) +
            m('previewMs').toFixed(0).padStart(10) +
            m('ms').toFixed(0).padStart(10) +
            m('cpuMs').toFixed(0).padStart(10) +
            m('maxRssMB').toFixed(0).padStart(10) +
            m('pauseMs').toFixed(0).padStart(13) +
            m('previewKB').toFixed(0).padStart(10) +
            `  ${ok ? '是' : '否'}（≤${TARGET.ms} ms、≤${TARGET.rssMB} MB）`,
        );
      }
    }
    console.log('（预览：文件读入、按单位分组、每张表与原表格逐格对应，即导入对话框收到的内容；合计：再加上保存——按预览中的选择重新读同一文件（按哈希核对）并在一个事务中写入；CPU：本进程含工作线程的 CPU 时间）');
    console.log('（最长停顿：导入进行时，每 5 ms 一次的计时器两次触发之间的最长间隔，即同时调用 app.info 最多要等多久；表格和 Word 文件都在工作线程中解析并识别，主线程只校验收到的预览）');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
