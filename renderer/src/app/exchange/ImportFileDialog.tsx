// 导入表格或 Word 文件: a .xlsx/.xls or .docx/.doc read into project tables and previewed side
// by side with the file's own cells; corrections (year, unit, template, amount unit) read the
// file again; choices per table; 确认导入 stores the same file (by its hash) as chosen, in one
// transaction; 撤销导入 right after, and for the recent imports of the unit-year.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, ApiResults, ImportPreview } from '../../../../shared/api/contract.ts';
import { carriedOverText, type ImportPlan } from '../../../../shared/api/import-preview.ts';
import type { Unit } from '../../../../shared/model/filing.ts';
import { errorText } from '../../api/client.ts';
import { Modal } from '../../ui/dialog.tsx';
import { useToast } from '../../ui/toast.tsx';
import { ImportChoices, initialChoices, readOnlyTargets, sampleTargets, unconfirmedUnits, type Choices } from './ImportChoices.tsx';
import { ImportSideBySide, type TableCorrection } from './ImportSideBySide.tsx';
import { readUpload } from './upload.ts';
import type { Upload } from './upload.ts';

type Recent = ApiResults['import.recent'];
type GoTo = { unitCode: string; year: number; id: string | null };
type Corrections = Pick<ImportPlan, 'units' | 'tables'>;
const NO_CORRECTIONS: Corrections = { units: [], tables: [] };
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

function RecentImports({ api, unitCode, year, reload, onUndone }: { api: ApiClient; unitCode: string; year: number; reload: number; onUndone: () => void }): ReactNode {
  const toast = useToast();
  const [list, setList] = useState<Recent>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    api.call('import.recent', { unitCode, year }).then(
      (r) => live && setList(r),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [api, unitCode, year, reload]);
  if (!list.length) return null;
  const undo = async (sha256: string) => {
    setBusy(true);
    try {
      const r = await api.call('import.undo', { unitCode, year, sha256 });
      toast(`已撤销导入“${r.fileName}”：删除 ${r.removed} 张，恢复 ${r.restored} 张`, { kind: 'ok' });
      onUndone();
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="recent-imports" aria-label="最近的导入">
      <div>最近的导入（{unitCode} {year} 年度）：</div>
      <ul>
        {list.map((r) => (
          <li key={r.sha256}>
            <span>
              {when(r.at)}　“{r.fileName}”　{r.projects} 张项目表{r.scopes.length > 1 ? `（${r.scopes.map((s) => s.unitCode).join('、')}）` : ''}
            </span>
            <button type="button" disabled={busy} onClick={() => void undo(r.sha256)}>
              撤销导入
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 导入表格或 Word 文件: choose → preview side by side, correct, choose (nothing stored) → 确认导入 → 撤销导入. */
export function ImportFileDialog({
  api,
  unitCode,
  year,
  onStored,
  onGo,
  onClose,
}: {
  api: ApiClient;
  unitCode: string;
  year: number;
  onStored: (n: number) => void;
  /** Opens the list of a unit-year the import went to (another than the one open). */
  /** 转到 after an import: the table stored (one), else the unit-year (another than the one open). */
  onGo?: (to: GoTo) => void;
  onClose: () => void;
}): ReactNode {
  const toast = useToast();
  const [file, setFile] = useState<{ kind: 'xlsx' | 'docx'; upload: Upload } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [corrections, setCorrections] = useState<Corrections>(NO_CORRECTIONS);
  const [choices, setChoices] = useState<Choices | null>(null);
  const [targetYear, setTargetYear] = useState<number | null>(null);
  const [selected, setSelected] = useState('');
  const [units, setUnits] = useState<Unit[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<'' | 'reading' | 'storing'>('');
  const [done, setDone] = useState<{ projects: number; text: string; go: (GoTo & { label: string }) | null } | null>(null);
  const [reload, setReload] = useState(0);
  const [acceptLost, setAcceptLost] = useState(false);

  useEffect(() => {
    void api.call('units.list', {}).then(setUnits, () => setUnits([]));
  }, [api, reload]);

  const read = async (f: { kind: 'xlsx' | 'docx'; upload: Upload }, y: number | null, c: Corrections, prev: Choices | null) => {
    setBusy('reading');
    setError('');
    try {
      const p = await api.call('import.preview', { kind: f.kind, file: f.upload, unitCode, ...(y ? { year: y } : {}), plan: c });
      // A file that says no year goes to the year of the list it was opened from (changeable).
      if (!p.year && y === null) return await read(f, year, c, prev);
      setPreview(p);
      setAcceptLost(false);
      setTargetYear(p.year || null);
      setChoices(initialChoices(p, prev ?? undefined));
      const keys = p.units.flatMap((u) => u.tables.map((t) => t.key));
      setSelected((s) => (keys.includes(s) ? s : (keys[0] ?? '')));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy('');
    }
  };

  const choose = async (f: File | undefined) => {
    setPreview(null);
    setFile(null);
    setDone(null);
    setError('');
    setCorrections(NO_CORRECTIONS);
    if (!f) return;
    // Sheets go to the sheet reader, the rest to the Word reader; the backend reads the
    // bytes, not the name (and refuses .rtf/.odt/.pdf saying how to save them instead).
    const kind = /\.(xlsx|xls|et|ods)$/i.test(f.name) ? 'xlsx' : /\.(docx|doc|wps|rtf|odt|pdf)$/i.test(f.name) ? 'docx' : undefined;
    if (!kind) {
      setError('请选择 Excel 表格（.xlsx、.xls）或 Word 文件（.docx、.doc）');
      return;
    }
    try {
      const next = { kind, upload: await readUpload(f) } as const;
      setFile(next);
      await read(next, null, NO_CORRECTIONS, null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const correctTable = (key: string, c: TableCorrection) => {
    if (!file) return;
    const tables = [...corrections.tables.filter((t) => t.key !== key), { ...corrections.tables.find((t) => t.key === key), ...c, key }];
    const next = { ...corrections, tables };
    setCorrections(next);
    void read(file, targetYear, next, choices);
  };
  const mapUnit = (printed: string, to: string) => {
    if (!file) return;
    const next = { ...corrections, units: [...corrections.units.filter((u) => u.printed !== printed), ...(printed === to ? [] : [{ printed, unitCode: to }])] };
    setCorrections(next);
    void read(file, targetYear, next, choices);
  };
  const changeYear = (y: number) => {
    if (!file || !Number.isInteger(y) || y < 2000 || y > 2100) return;
    setTargetYear(y);
    void read(file, y, corrections, choices);
  };

  const tables = preview?.units.flatMap((u) => u.tables.map((t) => ({ t, u }))) ?? [];
  const chosen = choices ? tables.filter(({ t }) => choices.actions[t.key] !== 'skip').length : 0;
  const waiting = preview && choices ? unconfirmedUnits(preview, choices) : [];
  const deptGoes = !!preview?.dept && choices?.dept !== 'skip';
  // Tables chosen that came without their 预算数 / 绩效目标: stored only once the user says so.
  const lost = choices ? tables.filter(({ t }) => choices.actions[t.key] !== 'skip' && t.lost.length > 0) : [];
  const intoSample = preview && choices ? [...sampleTargets(preview, choices), ...readOnlyTargets(preview, choices)] : [];
  const blocked = !preview || !choices || !targetYear || !!preview.importedBefore || waiting.length > 0 || intoSample.length > 0 || (!chosen && !deptGoes) || (lost.length > 0 && !acceptLost);

  const store = async () => {
    if (!file || !preview || !choices || !targetYear) return;
    setBusy('storing');
    setError('');
    const used = new Set(tables.filter(({ t }) => choices.actions[t.key] !== 'skip').map(({ u }) => u.unitCode));
    if (deptGoes && preview.dept) used.add(preview.dept.unitCode);
    const plan: ImportPlan = {
      units: corrections.units,
      tables: tables.map(({ t, u }) => ({ ...corrections.tables.find((c) => c.key === t.key), key: t.key, unitCode: u.unitCode, action: choices.actions[t.key] ?? 'skip' })),
      createUnits: preview.units.filter((u) => !u.exists && choices.create[u.unitCode] && used.has(u.unitCode)).map((u) => ({ code: u.unitCode, name: u.unitName || u.unitCode })).filter((u, i, a) => a.findIndex((x) => x.code === u.code) === i),
      dept: preview.dept ? { unitCode: preview.dept.unitCode, action: choices.dept } : null,
    };
    try {
      const r = await api.call('import.store', { kind: file.kind, file: file.upload, unitCode, year: targetYear, sha256: preview.sha256, plan });
      const into = [...used].sort();
      const unitWords = into.map((c) => `${c}${units.find((u) => u.code === c)?.name ?? plan.createUnits.find((u) => u.code === c)?.name ?? ''}`).join('、');
      const text = `已导入 ${r.projects} 张项目表${r.replaced ? `（其中替换 ${r.replaced} 张）` : ''}${r.deptTargets ? '和部门整体绩效目标' : ''}${r.createdUnits ? `，新建 ${r.createdUnits} 个单位` : ''}；导入到 ${unitWords || unitCode} ${targetYear} 年度${r.carriedOver ? `（文件为 ${preview.printedYear} 年度），已标为“上年结转”，报送前须逐项确认` : ''}`;
      toast(text, { kind: 'ok' });
      // One table stored: offer to open it; several stored elsewhere than the list open: to go there.
      const first = into[0] ?? unitCode;
      const go =
        r.projects === 1 && r.first
          ? { unitCode: r.first.unitCode, year: targetYear, id: r.first.id, label: `转到导入的表“${r.first.name}”` }
          : first !== unitCode || targetYear !== year
            ? { unitCode: first, year: targetYear, id: null, label: `转到 ${first} ${targetYear} 年度` }
            : null;
      setDone({ projects: r.projects, text, go });
      setPreview(null);
      setReload((n) => n + 1);
      onStored(r.projects);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy('');
    }
  };

  const current = tables.find(({ t }) => t.key === selected);
  return (
    <Modal
      title="导入表格或 Word 文件"
      wide
      onClose={onClose}
      footer={
        <>
          {waiting.length ? <span className="import-wait">请确认新建单位 {waiting.map((u) => u.unitCode).join('、')}，或跳过它的表格</span> : null}
          <button type="button" onClick={onClose}>
            {done ? '关闭' : '取消'}
          </button>
          {preview ? (
            <button type="button" className="btn-primary" disabled={blocked || !!busy} onClick={() => void store()}>
              确认导入（{chosen} 张{deptGoes ? ' + 部门整体目标' : ''}）
            </button>
          ) : null}
        </>
      }
    >
      <div className="import-dialog">
        <div className="import-top">
          <label className="block-label">
            选择文件（Excel 表格 .xlsx、.xls 或 Word 文件 .docx、.doc，WPS 文件同样可以）
            <input type="file" accept=".xlsx,.xls,.et,.docx,.doc,.wps" aria-label="选择表格或 Word 文件" data-autofocus onChange={(e) => void choose(e.target.files?.[0])} />
          </label>
          {preview ? (
            <label className="import-year">
              导入到年度
              <input type="number" aria-label="导入到年度" min={2000} max={2100} value={targetYear ?? ''} disabled={!!busy} onChange={(e) => changeYear(Number(e.target.value))} />
              <span>{preview.printedYear ? `文件上的年度：${preview.printedYear}` : '文件上没有年度'}</span>
            </label>
          ) : null}
        </div>
        {done ? (
          <div className="import-done" role="status">
            {done.text}
            {done.go && onGo ? (
              <button type="button" onClick={() => onGo(done.go!)}>
                {done.go.label}
              </button>
            ) : null}
          </div>
        ) : null}
        {!preview && !busy ? <p>先显示识别出的项目表和文件中的原表格，确认后才保存；点“取消”不保存任何内容。</p> : null}
        {busy === 'reading' ? <div className="progress-box">正在读取……</div> : null}
        {busy === 'storing' ? <div className="progress-box">正在导入……</div> : null}
        {error ? (
          <div className="form-error" role="alert">
            {error}
          </div>
        ) : null}
        {preview?.importedBefore ? <div className="form-error">{preview.importedBefore}</div> : null}
        {preview?.carriedOver ? (
          <div className="import-carried" role="note">
            {carriedOverText(preview.printedYear ?? 0, preview.year)}。
          </div>
        ) : null}
        {lost.length ? (
          <div className="form-error" role="alert">
            以下项目表没有读到关键内容（请在预览中核对原表格，导入后须补填）：
            <ul>
              {lost.map(({ t }) => (
                <li key={t.key}>
                  “{t.filing.name || t.source.where}”：没有{t.lost.join('、')}
                </li>
              ))}
            </ul>
            <label>
              <input type="checkbox" checked={acceptLost} onChange={(e) => setAcceptLost(e.target.checked)} /> 仍然导入这些项目表
            </label>
          </div>
        ) : null}
        {preview && choices ? (
          <div className="import-main">
            <ImportChoices preview={preview} choices={choices} units={units} selected={selected} busy={!!busy} onSelect={setSelected} onChoices={setChoices} onMapUnit={mapUnit} />
            <div className="import-detail">
              {current ? <ImportSideBySide table={current.t} unitName={current.u.unitName} busy={!!busy} onCorrect={(c) => correctTable(current.t.key, c)} /> : null}
              {preview.notes.length ? (
                <details className="import-notes">
                  <summary>文件中未能识别或需要注意的内容（{preview.notes.length} 条）</summary>
                  <ul>
                    {preview.notes.map((t, i) => (
                      <li key={i}>{t}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
          </div>
        ) : null}
        {!preview ? <RecentImports api={api} unitCode={unitCode} year={year} reload={reload} onUndone={() => { setReload((n) => n + 1); setDone(null); onStored(0); }} /> : null}
      </div>
    </Modal>
  );
}
