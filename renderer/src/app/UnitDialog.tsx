// 新建单位 (6-digit code, name, 主管部门, 地区) and 选择年度.
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../../../shared/api/contract.ts';
import type { Unit } from '../../../shared/model/filing.ts';
import { splitSupervisor, supervisorProblem } from '../../../shared/model/supervisor.ts';
import { errorText } from '../api/client.ts';
import { Modal } from '../ui/dialog.tsx';

export function UnitDialog({
  api,
  existing,
  editing,
  onClose,
  onSaved,
}: {
  api: ApiClient;
  existing: Unit[];
  /** The unit to change (its code stays); none: a new unit. */
  editing?: Unit | null;
  onClose: () => void;
  onSaved: (u: Unit) => void;
}): ReactNode {
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [supCode, setSupCode] = useState(editing?.supervisor?.code ?? '');
  const [supName, setSupName] = useState(editing?.supervisor?.name ?? '');
  const [region, setRegion] = useState(editing?.region ?? '');
  const others = editing ? existing.filter((u) => u.code !== editing.code) : existing;
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [supNote, setSupNote] = useState('');
  const supErr = supCode.trim() && supName.trim() ? supervisorProblem(supCode, supName) : '';

  /** `450300-某某市医疗保障局` typed or pasted into either box: split into code and name. */
  const typeSupervisor = (which: 'code' | 'name', text: string) => {
    const joined = splitSupervisor(text);
    if (joined && (which === 'code' || !supCode.trim() || supCode.trim() === joined.code)) {
      setSupCode(joined.code);
      setSupName(joined.name);
      setSupNote(`已拆分为代码 ${joined.code} 和名称 ${joined.name}`);
      return;
    }
    setSupNote('');
    if (which === 'code') setSupCode(text);
    else setSupName(text);
  };

  const codeErr = code && !/^\d{6}$/.test(code) ? '单位编码必须是 6 位数字' : others.some((u) => u.code === code) ? '该编码的单位已存在' : '';

  const submit = async () => {
    if (!/^\d{6}$/.test(code)) return setError('请填写 6 位数字的单位编码');
    if (!name.trim()) return setError('请填写单位名称');
    if (others.some((u) => u.code === code)) return setError('该编码的单位已存在');
    const sup = supervisorProblem(supCode, supName);
    if (sup) return setError(sup);
    setBusy(true);
    try {
      const u = await api.call('units.save', {
        unit: {
          code,
          name: name.trim(),
          supervisor: supCode.trim() ? { code: supCode.trim(), name: supName.trim() } : null,
          region: region.trim(),
          sample: editing?.sample ?? false,
        },
      });
      onSaved(u);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={editing ? '单位信息' : '新建单位'}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="btn-primary" disabled={busy} onClick={() => void submit()}>
            保存
          </button>
        </>
      }
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          单位编码
          <input value={code} inputMode="numeric" maxLength={6} readOnly={!!editing} placeholder="6 位数字，如 382101" onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} aria-invalid={!!codeErr} />
        </label>
        {codeErr ? <div className="field-msg">{codeErr}</div> : null}
        <label>
          单位名称
          <input value={name} maxLength={100} placeholder="如 天津市医疗保障局" onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          主管部门代码
          <input value={supCode} maxLength={120} placeholder="3—6 位数字，如 303" aria-label="主管部门代码" aria-invalid={!!supErr} onChange={(e) => typeSupervisor('code', e.target.value)} />
        </label>
        <label>
          主管部门名称
          <input value={supName} maxLength={120} placeholder="如 忻州市医疗保障局" aria-label="主管部门名称" onChange={(e) => typeSupervisor('name', e.target.value)} />
        </label>
        {supErr ? <div className="field-msg">{supErr}</div> : supNote ? <div className="field-note" role="status">{supNote}</div> : null}
        <label>
          地区
          <input value={region} maxLength={50} placeholder="表头中的地区，如 忻州（可不填）" onChange={(e) => setRegion(e.target.value)} />
        </label>
        {error ? <div className="form-error">{error}</div> : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}

export function YearDialog({ initial, onClose, onChoose }: { initial: number; onClose: () => void; onChoose: (y: number) => void }): ReactNode {
  const [text, setText] = useState(String(initial));
  const y = Number(text);
  const ok = /^\d{4}$/.test(text) && y >= 2000 && y <= 2100;
  return (
    <Modal
      title="选择年度"
      onClose={onClose}
      confirm={{ label: '确定', disabled: !ok, onConfirm: () => onChoose(y) }}
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) onChoose(y);
        }}
      >
        <label>
          预算年度
          <input value={text} inputMode="numeric" maxLength={4} onChange={(e) => setText(e.target.value.replace(/\D/g, ''))} />
        </label>
        {!ok ? <div className="field-msg">年度须在 2000—2100 之间</div> : null}
      </form>
    </Modal>
  );
}
