import { expect } from 'chai';
import { entryActions } from '../../src/policy/actions.js';
import { can, checkTransition, type Actor, type ModelResource } from '../../src/policy/policy.js';
import { WORKFLOW, WORKFLOW_ACTIONS } from '../../src/policy/workflow.js';
import { ROLES } from '../../src/policy/roles.js';
import type { ModelStatus } from '../../src/db/schema.js';

const STATUSES: ModelStatus[] = ['draft', 'submitted', 'consultation', 'returned', 'approved', 'rejected', 'withdrawn'];
const PLACES: Record<string, Omit<ModelResource, 'status'>> = {
  own: { provinceCode: '19', communeCode: '05500' },
  neighbour: { provinceCode: '19', communeCode: '05501' },
  otherProvince: { provinceCode: '42', communeCode: '18100' },
  formerToOwn: { provinceCode: '19', communeCode: null, formerCommuneSuccessors: ['05501', '05500'] },
};
const people: [string, Actor | null][] = [
  ['anonymous', null],
  ...ROLES.flatMap((role): [string, Actor][] =>
    [false, true].map((disabled): [string, Actor] => [
      `${disabled ? 'disabled ' : ''}${role}`,
      {
        id: 1,
        role,
        disabled,
        provinceCode: role === 'central_admin' ? null : '19',
        communeCode: role === 'commune_cadre' ? '05500' : null,
      },
    ]),
  ),
];

describe('entryActions: what an entry page offers, from the policy', () => {
  it('offers exactly the status changes the policy allows, with what their forms must ask for', () => {
    let offered = 0;
    for (const [who, user] of people)
      for (const [where, place] of Object.entries(PLACES))
        for (const status of STATUSES) {
          const entry = { ...place, status };
          const actions = entryActions(user, entry);
          const label = `${who} on ${where} ${status}`;
          const allowed = WORKFLOW_ACTIONS.filter((a) => a !== 'edit' && checkTransition(user, a, entry).ok);
          // The page lists them in the workflow table's order; which ones is the policy's.
          expect(actions.transitions.map((t) => t.action).sort(), label).to.deep.equal([...allowed].sort());
          for (const t of actions.transitions) {
            const rule = WORKFLOW.find(
              (r) => r.from === status && r.action === t.action && r.roles.includes(user!.role),
            )!;
            expect(t.requires, `${label} ${t.action}`).to.deep.equal(rule.requires);
            offered++;
          }
          expect(actions.canEdit, label).to.equal(checkTransition(user, 'edit', entry).ok);
          expect(actions.canManageFiles, label).to.equal(can(user, 'manageFiles', entry));
          expect(actions.canRestrictFiles, label).to.equal(can(user, 'restrictFile', entry));
        }
    expect(offered).to.be.greaterThan(20);
  });

  it("offers nothing to a visitor, a disabled account or someone outside the entry's scope", () => {
    const none = { transitions: [], canEdit: false, canManageFiles: false, canRestrictFiles: false };
    for (const [who, user] of people.filter(([w]) => w === 'anonymous' || w.startsWith('disabled'))) {
      for (const status of STATUSES) expect(entryActions(user, { ...PLACES.own, status }), who).to.deep.equal(none);
    }
    const reviewer = people.find(([w]) => w === 'province_reviewer')![1];
    expect(entryActions(reviewer, { ...PLACES.otherProvince, status: 'submitted' })).to.deep.equal(none);
    const cadre = people.find(([w]) => w === 'commune_cadre')![1];
    expect(entryActions(cadre, { ...PLACES.neighbour, status: 'draft' })).to.deep.equal(none);
  });

  it('gives a reviewer the vetting forms of a submitted entry, the approval asking for a recognition', () => {
    const reviewer = people.find(([w]) => w === 'province_reviewer')![1];
    const actions = entryActions(reviewer, { ...PLACES.own, status: 'submitted' });
    expect(actions.transitions).to.deep.equal([
      { action: 'approve', label: 'duyệt', requires: ['recognition'] },
      { action: 'return', label: 'trả lại', requires: ['comment'] },
      { action: 'reject', label: 'từ chối công nhận', requires: ['comment'] },
      { action: 'consult', label: 'lấy ý kiến nhân dân về', requires: ['period'] },
    ]);
    expect(actions).to.include({ canEdit: true, canManageFiles: false, canRestrictFiles: true });
  });
});
