// The app frame: choose or create a unit and a fiscal year, then the unit-year's list of
// project tables, one table's form, or the 部门整体绩效目标.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient, TemplateSummary } from '../../../shared/api/contract.ts';
import type { Unit } from '../../../shared/model/filing.ts';
import { errorText } from '../api/client.ts';
import { useToast } from '../ui/toast.tsx';
import { DeptRoute } from '../review/DeptReview.tsx';
import type { Shell } from './frame.ts';
import { ProjectList } from './list/ProjectList.tsx';
import { prefetchList } from './list/prefetch.ts';
import { ProjectView } from './ProjectView.tsx';
import { ReceiveView } from './exchange/ReceiveView.tsx';
import { useRoute } from './route.ts';
import { YearlyView } from '../yearly/YearlyView.tsx';
import { DeptSelfEvaluationView } from '../yearly/DeptSelfEvaluationView.tsx';
import type { Route } from './route.ts';
import { UnitDialog, YearDialog } from './UnitDialog.tsx';
import { likelyFilingYear as defaultYear, yearOptions as pickerYears } from '../../../shared/model/year.ts';

const LAST_KEY = 'jxmb-last';

export function App({ api }: { api: ApiClient }): ReactNode {
  const toast = useToast();
  const [route, setRoute] = useRoute();
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [years, setYears] = useState<number[]>([]);
  const [yearsNonce, setYearsNonce] = useState(0);
  const [fatal, setFatal] = useState('');
  const [dialog, setDialog] = useState<'unit' | 'editUnit' | 'year' | null>(null);

  const reloadUnits = useCallback(async () => {
    setUnits(await api.call('units.list', {}));
  }, [api]);

  // The first calls: a backend that cannot be reached is said so and tried again.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    Promise.all([api.call('templates.list', {}), api.call('units.list', {})]).then(
      ([t, u]) => {
        if (!live) return;
        setTemplates(t);
        setUnits(u);
        setFatal('');
      },
      (e) => {
        if (!live) return;
        setFatal(errorText(e));
        timer = setTimeout(() => setAttempt((n) => n + 1), Math.min(1000 * 2 ** attempt, 10_000));
      },
    );
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, attempt]);

  // A unit named by the address but not in the list (added meanwhile by the command line,
  // another window, an import): ask for the list again once before falling back.
  const refreshedFor = useRef<string | null>(null);

  // Fill in a unit and a year when the address names none. The answer comes late: if the
  // user went elsewhere meanwhile (接收报送包 right after opening), it must not move them back.
  useEffect(() => {
    if (!units || !units.length || route.view === 'receive') return;
    let live = true;
    if (route.unit && units.some((u) => u.code === route.unit) && route.year !== null) return;
    if (route.unit && refreshedFor.current !== route.unit && !units.some((u) => u.code === route.unit)) {
      refreshedFor.current = route.unit;
      reloadUnits().catch(() => setUnits([...units]));
      return;
    }
    let code = route.unit && units.some((u) => u.code === route.unit) ? route.unit : null;
    let last: { unit?: string; year?: number } = {};
    try {
      last = JSON.parse(localStorage.getItem(LAST_KEY) ?? '{}') as typeof last;
    } catch {
      /* ignore */
    }
    if (!code) code = units.find((u) => u.code === last.unit)?.code ?? units.find((u) => !u.sample)?.code ?? units[0]!.code;
    const unitCode = code;
    api.call('years.list', { unitCode }).then(
      (ys) => {
        if (!live) return;
        const year = route.unit === unitCode && route.year !== null ? route.year : last.unit === unitCode && last.year ? last.year : (ys.at(-1) ?? defaultYear());
        setRoute({ unit: unitCode, year, view: 'list', id: null }, true);
      },
      (e) => {
        if (!live) return;
        setFatal(errorText(e));
        setUnits(null);
        setAttempt((n) => n + 1);
      },
    );
    return () => {
      live = false;
    };
  }, [units, route.unit, route.year, route.view, api, setRoute, toast, reloadUnits]);

  useEffect(() => {
    if (!route.unit) return;
    const unitCode = route.unit;
    api.call('years.list', { unitCode }).then(
      (ys) => setYears([...ys].sort((a, b) => a - b)),
      () => setYears([]),
    );
    if (route.year !== null) localStorage.setItem(LAST_KEY, JSON.stringify({ unit: unitCode, year: route.year }));
  }, [api, route.unit, route.year, yearsNonce]);

  const unit = useMemo(() => units?.find((u) => u.code === route.unit) ?? null, [units, route.unit]);
  const year = route.year ?? defaultYear();
  const go = useCallback((r: Partial<Route>) => setRoute({ ...route, ...r }), [route, setRoute]);
  const shell: Shell = { api, templates: templates ?? [], units: units ?? [], unit, year, go, reloadUnits, reloadYears: () => setYearsNonce((n) => n + 1) };

  if (fatal && (!templates || !units)) {
    return (
      <div className="fatal" role="alert">
        <h1>无法连接到本机服务</h1>
        <p>{fatal}</p>
        <p>正在自动重试（第 {attempt + 1} 次）……若一直连不上，请确认“绩效目标填报”程序仍在运行，或关闭本页面后从程序重新打开。</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          立即重试
        </button>
      </div>
    );
  }
  if (!templates || !units) return <div className="boot">正在载入……</div>;

  const hasSamples = units.some((u) => u.sample);
  const receiving = route.view === 'receive';
  const yearOptions = pickerYears(years, year);

  /** Another unit: the same fiscal year where it has tables, else its newest year. */
  const switchUnit = async (unitCode: string) => {
    let y = route.year;
    // Most often the other unit has tables in the same year: ask for them at once.
    if (y !== null) prefetchList(api, unitCode, y);
    try {
      const ys = await api.call('years.list', { unitCode });
      // A unit without tables opens in the current filing year.
      if (y === null || !ys.includes(y)) y = ys.at(-1) ?? defaultYear();
    } catch {
      /* keep the year */
    }
    setRoute({ unit: unitCode, year: y, view: 'list', id: null });
  };

  const removeSamples = async () => {
    if (!window.confirm('删除全部示例单位及其项目表？您自己的单位和数据不受影响。')) return;
    try {
      let r = await api.call('units.removeSamples', {});
      if (!r.removed) {
        // The 示例 units hold tables made, imported or edited here: name them before they go.
        const list = r.ownWork.slice(0, 8).map((w) => `· ${w.unitCode} ${w.year} 年度：${w.name}`);
        if (r.ownWork.length > 8) list.push(`……共 ${r.ownWork.length} 份`);
        const msg = `示例单位中有 ${r.ownWork.length} 份表不是示例数据，是在本机新建、导入或修改过的：\n${list.join('\n')}\n\n删除示例数据会把它们一并删除。确实不再需要它们吗？\n（要保留，请点“取消”，先把它们导出，再导入到您自己的单位。）`;
        if (!window.confirm(msg)) return;
        r = await api.call('units.removeSamples', { confirmOwnWork: true });
      }
      toast(`已删除 ${r.units} 个示例单位、${r.projects} 张项目表`, { kind: 'ok' });
      const left = await api.call('units.list', {});
      setUnits(left);
      if (unit?.sample) setRoute({ unit: null, year: null, view: 'list', id: null }, true);
    } catch (e) {
      toast(errorText(e), { kind: 'error' });
    }
  };

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">绩效目标填报</div>
        {units.length && !receiving ? (
          <>
            <label className="tb-field">
              单位
              <select
                value={route.unit ?? ''}
                onChange={(e) => void switchUnit(e.target.value)}
                aria-label="单位"
              >
                {units.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.sample ? '【示例】' : ''}
                    {u.code} {u.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="tb-field">
              年度
              <select
                value={String(year)}
                aria-label="年度"
                onChange={(e) => {
                  if (e.target.value === 'other') setDialog('year');
                  else {
                    const y = Number(e.target.value);
                    if (route.unit) prefetchList(api, route.unit, y);
                    setRoute({ ...route, year: y, view: 'list', id: null });
                  }
                }}
              >
                {yearOptions.map((y) => (
                  <option key={y} value={y}>
                    {y} 年度
                  </option>
                ))}
                <option value="other">其他年度……</option>
              </select>
            </label>
          </>
        ) : null}
        {unit && !receiving ? (
          <button type="button" className="btn-light" onClick={() => setDialog('editUnit')} title="修改单位名称、主管部门、地区">
            单位信息
          </button>
        ) : null}
        <button type="button" className="btn-light" onClick={() => setDialog('unit')}>
          ＋ 新建单位
        </button>
        {receiving ? (
          units.length ? (
            <button type="button" className="btn-light" onClick={() => setRoute({ unit: null, year: null, view: 'list', id: null })}>
              ← 返回填报
            </button>
          ) : null
        ) : (
          <button type="button" className="btn-light" onClick={() => setRoute({ unit: null, year: null, view: 'receive', id: null })} title="主管部门、财政部门：导入各单位报送的 .jxmb 报送包，生成汇总表">
            接收报送包
          </button>
        )}
        <div className="tb-spacer" />
        {unit?.sample && !receiving ? <span className="sample-badge" title="来自公开文件的示例数据">示例单位</span> : null}
        {hasSamples && !receiving ? (
          <button type="button" className="btn-light" onClick={() => void removeSamples()}>
            删除示例数据
          </button>
        ) : null}
      </header>
      <main className="main">
        {receiving ? (
          <ReceiveView
            api={api}
            defaultYear={year}
            onImported={reloadUnits}
            onOpen={(unitCode, y) => setRoute({ unit: unitCode, year: y, view: 'list', id: null })}
          />
        ) : !units.length ? (
          <Welcome onNew={() => setDialog('unit')} />
        ) : !unit || route.year === null ? (
          <div className="boot">正在载入……</div>
        ) : route.view === 'project' && route.id ? (
          <ProjectView key={route.id} shell={shell} id={route.id} />
        ) : route.view === 'yearly' && route.id ? (
          <YearlyView key={`y/${route.id}`} shell={shell} id={route.id} />
        ) : route.view === 'dept-eval' ? (
          <DeptSelfEvaluationView key={`e/${unit.code}/${year}`} shell={shell} unitCode={unit.code} year={year} />
        ) : route.view === 'dept' ? (
          <DeptRoute key={`${unit.code}/${year}`} shell={shell} />
        ) : (
          <ProjectList key={`${unit.code}/${year}`} shell={shell} years={years} />
        )}
      </main>
      {dialog === 'unit' || dialog === 'editUnit' ? (
        <UnitDialog
          api={api}
          existing={units}
          editing={dialog === 'editUnit' ? unit : null}
          onClose={() => setDialog(null)}
          onSaved={async (u) => {
            const edited = dialog === 'editUnit';
            setDialog(null);
            await reloadUnits();
            // A new unit opens in the current filing year, not in the year last looked at.
            if (!edited) setRoute({ unit: u.code, year: defaultYear(), view: 'list', id: null });
            toast(`已保存单位“${u.name}”`, { kind: 'ok' });
          }}
        />
      ) : null}
      {dialog === 'year' ? (
        <YearDialog
          initial={year}
          onClose={() => setDialog(null)}
          onChoose={(y) => {
            setDialog(null);
            // The unit-year starts now (stored), so the year list offers it after a reload too.
            const started = unit && !years.includes(y) ? api.call('years.start', { unitCode: unit.code, year: y }).then(setYears) : Promise.resolve();
            void started.catch((e) => toast(errorText(e), { kind: 'error' })).then(() => setRoute({ ...route, year: y, view: 'list', id: null }));
          }}
        />
      ) : null}
    </div>
  );
}

function Welcome({ onNew }: { onNew: () => void }): ReactNode {
  return (
    <div className="welcome">
      <h1>绩效目标填报</h1>
      <p>先建立本单位：填写 6 位单位编码、单位名称和主管部门，然后选择年度，逐张填写项目支出绩效目标表。</p>
      <button type="button" className="btn-primary" onClick={onNew} data-autofocus>
        ＋ 新建单位
      </button>
    </div>
  );
}
