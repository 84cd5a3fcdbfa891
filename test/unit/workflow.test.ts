import { expect } from 'chai';
import {
  availableActions,
  transition,
  WORKFLOW,
  type TransitionInput,
  type WorkflowAction,
} from '../../src/policy/workflow.js';
import type { Role } from '../../src/policy/roles.js';
import { MODEL_STATUS_LABELS } from '../../src/reference/vocabulary.js';
import type { ModelStatus } from '../../src/db/schema.js';

const STATUSES: ModelStatus[] = ['draft', 'submitted', 'consultation', 'returned', 'approved', 'rejected', 'withdrawn'];
const ACTIONS: WorkflowAction[] = [
  'submit',
  'consult',
  'close',
  'approve',
  'return',
  'reject',
  'withdraw',
  'recognise',
  'edit',
];
const ROLES: Role[] = ['commune_cadre', 'province_reviewer', 'province_admin', 'central_admin'];
const NOW = new Date(2025, 9, 15);

// Written from the issue, independently of the module's table: "status action" → who may, and where it leads.
const CADRE = ['commune_cadre'];
const REVIEWERS = ['province_reviewer', 'province_admin', 'central_admin'];
const EXPECTED: Record<string, { roles: string[]; to: ModelStatus }> = {
  'draft submit': { roles: CADRE, to: 'submitted' },
  'returned submit': { roles: CADRE, to: 'submitted' },
  'withdrawn submit': { roles: CADRE, to: 'submitted' },
  'submitted approve': { roles: REVIEWERS, to: 'approved' },
  'submitted return': { roles: REVIEWERS, to: 'returned' },
  'submitted reject': { roles: REVIEWERS, to: 'rejected' },
  'submitted consult': { roles: REVIEWERS, to: 'consultation' },
  'consultation close': { roles: REVIEWERS, to: 'consultation' },
  'consultation approve': { roles: REVIEWERS, to: 'approved' },
  'consultation return': { roles: REVIEWERS, to: 'returned' },
  'consultation reject': { roles: REVIEWERS, to: 'rejected' },
  'approved withdraw': { roles: REVIEWERS, to: 'withdrawn' },
  'approved recognise': { roles: REVIEWERS, to: 'approved' },
  'draft edit': { roles: CADRE, to: 'draft' },
  'returned edit': { roles: CADRE, to: 'returned' },
  'submitted edit': { roles: REVIEWERS, to: 'submitted' },
};
const expectedTo = (s: ModelStatus, a: WorkflowAction, r: Role) => {
  const e = EXPECTED[`${s} ${a}`];
  return e && e.roles.includes(r) ? e.to : null;
};

const recognition = { year: 2024, level: 'province', grade: 'tot' } as const;
const FULL: TransitionInput = { comment: 'Bổ sung số liệu kết quả năm 2024.', recognition, periodDays: 10 };
const VIETNAMESE = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i;

describe('workflow state machine', () => {
  describe('every (status × action × role)', () => {
    for (const s of STATUSES) {
      for (const a of ACTIONS) {
        for (const r of ROLES) {
          const to = expectedTo(s, a, r);
          it(`${s} · ${a} · ${r} → ${to ?? 'refused'}`, () => {
            const result = transition(s, a, r, FULL, NOW);
            if (to) {
              expect(result).to.deep.equal({ ok: true, to });
            } else {
              expect(result.ok).to.equal(false);
              const reason = (result as { reason: string }).reason;
              expect(reason).to.match(VIETNAMESE);
              expect(reason).to.include(MODEL_STATUS_LABELS[s]);
              // Nobody at all may do it now, or only another role may.
              if (EXPECTED[`${s} ${a}`]) expect(reason).to.include('không có quyền');
              else expect(reason).to.match(/^Không thể /);
            }
          });
        }
      }
    }
  });

  it('asks for a consultation period of 3 to 30 whole days', () => {
    for (const periodDays of [3, 10, 30]) {
      expect(
        transition('submitted', 'consult', 'province_reviewer', { periodDays }, NOW).ok,
        String(periodDays),
      ).to.equal(true);
    }
    for (const periodDays of [2, 31, 0, -5, 10.5, NaN, null, undefined]) {
      const r = transition('submitted', 'consult', 'province_reviewer', { periodDays }, NOW);
      expect(r.ok, String(periodDays)).to.equal(false);
      expect((r as { reason: string }).reason).to.include('từ 3 đến 30');
    }
  });

  it('says which action and status it refuses', () => {
    const r = transition('draft', 'approve', 'province_reviewer', FULL, NOW);
    expect(r).to.deep.equal({ ok: false, reason: 'Không thể duyệt mô hình đang ở trạng thái Bản nháp.' });
  });

  it('refuses an illegal action for its illegality, not for a missing comment', () => {
    const r = transition('draft', 'return', 'province_reviewer', {}, NOW);
    expect(r.ok).to.equal(false);
    expect((r as { reason: string }).reason).to.match(/^Không thể trả lại/);
  });

  it('refuses unknown statuses and actions', () => {
    expect(transition('archived' as ModelStatus, 'submit', 'commune_cadre', FULL, NOW).ok).to.equal(false);
    expect(transition('draft', 'publish' as WorkflowAction, 'commune_cadre', FULL, NOW).ok).to.equal(false);
    expect(transition('draft', 'submit', 'guest' as Role, FULL, NOW).ok).to.equal(false);
  });

  describe('required comment', () => {
    const cases: [ModelStatus, WorkflowAction, RegExp][] = [
      ['submitted', 'return', /^Cần nhập ý kiến khi trả lại mô hình/],
      ['submitted', 'reject', /^Cần nhập lý do khi từ chối/],
      ['approved', 'withdraw', /^Cần nhập lý do khi thu hồi/],
    ];
    for (const [s, a, message] of cases) {
      for (const role of REVIEWERS as Role[]) {
        it(`${a} by ${role} needs a non-blank comment`, () => {
          for (const input of [
            {},
            { comment: '' },
            { comment: '   \n\t ' },
            { comment: null },
            { comment: 42 as unknown as string },
          ]) {
            const r = transition(s, a, role, input, NOW);
            expect(r.ok, JSON.stringify(input)).to.equal(false);
            expect((r as { reason: string }).reason).to.match(message);
          }
          expect(transition(s, a, role, { comment: 'x'.repeat(2001) }, NOW)).to.deep.equal({
            ok: false,
            reason: 'Ý kiến dài tối đa 2.000 ký tự.',
          });
          expect(transition(s, a, role, { comment: ' Thiếu minh chứng. ' }, NOW).ok).to.equal(true);
        });
      }
    }
    it('is not asked of actions that need none', () => {
      expect(transition('draft', 'submit', 'commune_cadre', {}, NOW)).to.deep.equal({ ok: true, to: 'submitted' });
      expect(transition('submitted', 'edit', 'province_reviewer', undefined, NOW)).to.deep.equal({
        ok: true,
        to: 'submitted',
      });
    });
  });

  describe('approving needs the recognition', () => {
    const refused = (recognition: unknown) =>
      transition('submitted', 'approve', 'province_admin', { recognition } as TransitionInput, NOW);
    it('refuses a missing recognition', () => {
      for (const r of [undefined, null, 'tot']) {
        const res = refused(r);
        expect(res.ok).to.equal(false);
        expect((res as { reason: string }).reason).to.match(/^Cần nhập năm, cấp và loại công nhận/);
      }
      expect(transition('submitted', 'approve', 'central_admin', { comment: 'Tốt' }, NOW).ok).to.equal(false);
    });
    it('refuses a missing or impossible year, level or grade', () => {
      const bad: [unknown, RegExp][] = [
        [{ level: 'province', grade: 'tot' }, /^Năm công nhận/],
        [{ ...recognition, year: '2024' }, /^Năm công nhận/],
        [{ ...recognition, year: 2024.5 }, /^Năm công nhận/],
        [{ ...recognition, year: 1900 }, /^Năm công nhận/],
        [{ ...recognition, year: 2026 }, /^Năm công nhận phải là số từ 1945 đến 2025/],
        [{ year: 2024, grade: 'tot' }, /^Chọn cấp công nhận/],
        [{ ...recognition, level: 'district' }, /^Chọn cấp công nhận/],
        [{ ...recognition, level: '' }, /^Chọn cấp công nhận/],
        [{ year: 2024, level: 'central' }, /^Chọn loại công nhận/],
        [{ ...recognition, grade: 'xuat-sac' }, /^Chọn loại công nhận/],
        [{ ...recognition, grade: '  ' }, /^Chọn loại công nhận/],
        [{ ...recognition, decisionNumber: 'x'.repeat(101) }, /^Số quyết định/],
        [{ ...recognition, decisionDate: '15/10/2025' }, /^Ngày quyết định không hợp lệ/],
        [{ ...recognition, decisionDate: '2025-02-30' }, /^Ngày quyết định không hợp lệ/],
        [{ ...recognition, decisionDate: '2025-10-16' }, /^Ngày quyết định không được sau/],
      ];
      for (const [rec, message] of bad) {
        const res = refused(rec);
        expect(res.ok, JSON.stringify(rec)).to.equal(false);
        expect((res as { reason: string }).reason, JSON.stringify(rec)).to.match(message);
      }
    });
    it('accepts every level and grade, with or without the decision', () => {
      for (const level of ['commune', 'province', 'central'] as const) {
        for (const grade of ['tot', 'kha'] as const) {
          expect(refused({ year: 2025, level, grade })).to.deep.equal({ ok: true, to: 'approved' });
        }
      }
      expect(refused({ ...recognition, decisionNumber: '125-QĐ/BDVTU', decisionDate: '2025-10-15' })).to.deep.equal({
        ok: true,
        to: 'approved',
      });
      expect(refused({ ...recognition, decisionNumber: '', decisionDate: '' })).to.deep.equal({
        ok: true,
        to: 'approved',
      });
      expect(refused({ ...recognition, decisionNumber: null, decisionDate: null })).to.deep.equal({
        ok: true,
        to: 'approved',
      });
    });
  });

  it('declares exactly the expected transitions', () => {
    const declared = WORKFLOW.flatMap((r) => r.roles.map((role) => `${r.from} ${r.action} ${role} → ${r.to}`)).sort();
    const expected = Object.entries(EXPECTED)
      .flatMap(([k, e]) => e.roles.map((role) => `${k} ${role} → ${e.to}`))
      .sort();
    expect(declared).to.deep.equal(expected);
    for (const r of WORKFLOW) {
      const needs = ['approve', 'recognise'].includes(r.action)
        ? ['recognition']
        : ['return', 'reject', 'withdraw'].includes(r.action)
          ? ['comment']
          : r.action === 'consult'
            ? ['period']
            : [];
      expect([...r.requires], `${r.from} ${r.action}`).to.deep.equal(needs);
    }
  });

  it('lists the available actions of each status and role', () => {
    for (const s of STATUSES) {
      for (const r of ROLES) {
        const expected = ACTIONS.filter((a) => expectedTo(s, a, r));
        expect([...availableActions(s, r)].sort(), `${s} ${r}`).to.deep.equal([...expected].sort());
      }
    }
    expect(availableActions('submitted', 'province_reviewer')).to.have.members([
      'approve',
      'return',
      'reject',
      'consult',
      'edit',
    ]);
    expect(availableActions('consultation', 'province_reviewer')).to.have.members([
      'close',
      'approve',
      'return',
      'reject',
    ]);
    expect(availableActions('consultation', 'commune_cadre')).to.deep.equal([]);
    expect(availableActions('rejected', 'commune_cadre')).to.deep.equal([]);
  });
});
