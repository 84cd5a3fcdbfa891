import { expect } from 'chai';
import {
  can,
  canTransition,
  checkTransition,
  type AccountResource,
  type ModelResource,
  type PolicyAction,
  type Actor as SessionUser,
} from '../../src/policy/policy.js';
import type { WorkflowAction } from '../../src/policy/workflow.js';
import type { Role } from '../../src/policy/roles.js';
import type { ModelStatus } from '../../src/db/schema.js';

// Thái Nguyên ('19') is the user's province, Hà Tĩnh ('42') another one.
const P = '19';
const OTHER_P = '42';
const C = '05500';
const NEIGHBOUR = '05501'; // another commune of the same province
const FAR = '18100'; // a commune of the other province

type Who = 'anonymous' | Role | `disabled ${Role}`;
const ROLES: Role[] = ['commune_cadre', 'province_reviewer', 'province_admin', 'central_admin'];
const WHO: Who[] = ['anonymous', ...ROLES, ...ROLES.map((r) => `disabled ${r}` as Who)];

function user(who: Who): SessionUser | null {
  if (who === 'anonymous') return null;
  const disabled = who.startsWith('disabled ');
  const role = who.replace('disabled ', '') as Role;
  return {
    id: 7,
    role,
    disabled,
    provinceCode: role === 'central_admin' ? null : P,
    communeCode: role === 'commune_cadre' ? C : null,
  };
}

type Scope = 'own' | 'neighbour' | 'otherProvince' | 'formerToOwn' | 'formerElsewhere';
const SCOPES: Scope[] = ['own', 'neighbour', 'otherProvince', 'formerToOwn', 'formerElsewhere'];
const STATUSES: ModelStatus[] = ['draft', 'submitted', 'consultation', 'returned', 'approved', 'rejected', 'withdrawn'];

function model(scope: Scope, status: ModelStatus): ModelResource {
  const place = {
    own: { provinceCode: P, communeCode: C },
    neighbour: { provinceCode: P, communeCode: NEIGHBOUR },
    otherProvince: { provinceCode: OTHER_P, communeCode: FAR },
    // Registered under a former commune split between the neighbour and the user's commune.
    formerToOwn: { provinceCode: P, communeCode: null, formerCommuneSuccessors: [NEIGHBOUR, C] },
    formerElsewhere: { provinceCode: P, communeCode: null, formerCommuneSuccessors: [NEIGHBOUR] },
  }[scope];
  return { ...place, status, createdBy: 99 };
}

const MODEL_ACTIONS: PolicyAction[] = [
  'viewPublic',
  'viewInternal',
  'create',
  'edit',
  'submit',
  'review',
  'withdraw',
  'recognise',
  'correct',
  'recordCommendation',
  'consult',
  'moderateOpinions',
  'viewConsultation',
  'giveOpinion',
];

// The expected answers, written from the scope rules.
function expectedOnModel(who: Who, action: PolicyAction, scope: Scope, status: ModelStatus): boolean {
  if (action === 'viewPublic') return status === 'approved';
  // Anyone, signed in or not, sees and comments on an entry under consultation.
  if (action === 'viewConsultation' || action === 'giveOpinion') return status === 'consultation';
  if (who === 'anonymous' || who.startsWith('disabled')) return false;
  const ownCommune = scope === 'own' || scope === 'formerToOwn';
  const ownProvince = scope !== 'otherProvince';
  if (who === 'commune_cadre') {
    switch (action) {
      case 'viewInternal':
      case 'create':
        return ownCommune;
      case 'edit':
        return ownCommune && (status === 'draft' || status === 'returned');
      case 'submit':
        return ownCommune && ['draft', 'returned', 'withdrawn'].includes(status);
      default:
        return false;
    }
  }
  const inScope = who === 'central_admin' || ownProvince;
  switch (action) {
    case 'viewInternal':
      return inScope;
    case 'review':
      return inScope && (status === 'submitted' || status === 'consultation');
    case 'correct':
      // The text under consultation is what the people comment on: nobody rewrites it meanwhile.
      return inScope && status === 'submitted';
    case 'consult':
      return inScope && (status === 'submitted' || status === 'consultation');
    case 'moderateOpinions':
      return inScope;
    case 'withdraw':
    case 'recognise':
    case 'recordCommendation':
      return inScope && status === 'approved';
    default:
      return false; // creating, editing and submitting stay with the commune
  }
}

function expectedWithoutResource(who: Who, action: PolicyAction): boolean {
  if (action === 'viewPublic' || action === 'viewConsultation' || action === 'giveOpinion') return true;
  if (who === 'anonymous' || who.startsWith('disabled')) return false;
  switch (action) {
    case 'viewInternal':
      return true;
    case 'create':
    case 'edit':
    case 'submit':
      return who === 'commune_cadre';
    case 'review':
    case 'withdraw':
    case 'recognise':
    case 'correct':
    case 'recordCommendation':
    case 'consult':
    case 'moderateOpinions':
    case 'reevaluate':
      return who !== 'commune_cadre';
    case 'viewReport':
      return true;
    case 'manageAccounts':
    case 'importModels':
      return who === 'province_admin' || who === 'central_admin';
    case 'manageReferenceData':
      return who === 'central_admin';
    default:
      return false;
  }
}

const TARGETS: AccountResource[] = [
  ...ROLES.filter((r) => r !== 'central_admin').flatMap((role) => [
    { role, provinceCode: P },
    { role, provinceCode: OTHER_P },
  ]),
  { role: 'central_admin', provinceCode: null },
];
function expectedManage(who: Who, t: AccountResource): boolean {
  if (who === 'central_admin') return true;
  if (who !== 'province_admin') return false;
  return t.provinceCode === P && t.role !== 'central_admin';
}

// Evidence files, written from issue 6: a file follows its model's visibility, plus its own flag and the holder's consent.
function expectedOnFile(
  who: Who,
  action: 'viewFile' | 'viewOriginalFile' | 'manageFiles' | 'restrictFile',
  scope: Scope,
  status: ModelStatus,
  f: { isPublic: boolean; kind: string; individual: boolean; consent: boolean },
): boolean {
  const internal = expectedOnModel(who, 'viewInternal', scope, status);
  switch (action) {
    case 'viewFile': {
      const publicFile =
        status === 'approved' &&
        f.isPublic &&
        !(f.individual && !f.consent && (f.kind === 'image' || f.kind === 'video'));
      return publicFile || internal;
    }
    case 'viewOriginalFile':
      return internal;
    case 'manageFiles':
      return expectedOnModel(who, 'edit', scope, status);
    case 'restrictFile':
      return expectedOnModel(who, 'edit', scope, status) || (internal && who !== 'commune_cadre');
  }
}

describe('permission policy', () => {
  describe('evidence files: every file action × user × scope × status × visibility × kind × consent', () => {
    for (const who of WHO) {
      it(who, () => {
        for (const scope of SCOPES) {
          for (const status of STATUSES) {
            for (const isPublic of [true, false]) {
              for (const kind of ['image', 'document', 'video']) {
                for (const [individual, consent] of [
                  [false, true],
                  [true, true],
                  [true, false],
                ]) {
                  const m = {
                    ...model(scope, status),
                    type: individual ? 'individual' : 'collective',
                    publishConsent: consent,
                  };
                  const r = { model: m, file: { isPublic, kind } };
                  const f = { isPublic, kind, individual, consent };
                  const tag = `${who} ${scope} ${status} ${isPublic ? 'public' : 'internal'} ${kind} ${individual ? (consent ? 'individual+consent' : 'individual') : 'collective'}`;
                  expect(can(user(who), 'viewFile', r), `viewFile ${tag}`).to.equal(
                    expectedOnFile(who, 'viewFile', scope, status, f),
                  );
                  expect(can(user(who), 'viewOriginalFile', r), `viewOriginalFile ${tag}`).to.equal(
                    expectedOnFile(who, 'viewOriginalFile', scope, status, f),
                  );
                  expect(can(user(who), 'manageFiles', m), `manageFiles ${tag}`).to.equal(
                    expectedOnFile(who, 'manageFiles', scope, status, f),
                  );
                  expect(can(user(who), 'restrictFile', m), `restrictFile ${tag}`).to.equal(
                    expectedOnFile(who, 'restrictFile', scope, status, f),
                  );
                }
              }
            }
          }
        }
      });
    }
  });

  describe('models: every action × user × scope × status', () => {
    for (const who of WHO) {
      it(who, () => {
        for (const action of MODEL_ACTIONS) {
          for (const scope of SCOPES) {
            for (const status of STATUSES) {
              const got = can(user(who), action, model(scope, status));
              expect(got, `${who} ${action} ${scope} ${status}`).to.equal(expectedOnModel(who, action, scope, status));
            }
          }
        }
      });
    }
  });

  it('answers "ever allowed" without a resource, for menus', () => {
    const actions: PolicyAction[] = [
      ...MODEL_ACTIONS,
      'manageAccounts',
      'manageReferenceData',
      'reevaluate',
      'importModels',
      'viewReport',
    ];
    for (const who of WHO) {
      for (const action of actions) {
        expect(can(user(who), action), `${who} ${action}`).to.equal(expectedWithoutResource(who, action));
      }
    }
  });

  it('lets a province admin manage cadres, reviewers and admins of its own province only; the centre anyone', () => {
    for (const who of WHO) {
      for (const t of TARGETS) {
        expect(can(user(who), 'manageAccounts', t), `${who} → ${t.role}@${t.provinceCode}`).to.equal(
          expectedManage(who, t),
        );
      }
    }
  });

  it('lets a province admin import into its own province only; the centre anywhere', () => {
    for (const who of WHO) {
      for (const provinceCode of [P, OTHER_P]) {
        const expected = who === 'central_admin' || (who === 'province_admin' && provinceCode === P);
        expect(can(user(who), 'importModels', { provinceCode }), `${who} → ${provinceCode}`).to.equal(expected);
      }
    }
  });

  it('lets each read the report of its own area: a cadre its commune, a province its own, the centre any', () => {
    const AREAS = {
      country: { provinceCode: null, communeCode: null },
      ownProvince: { provinceCode: P, communeCode: null },
      otherProvince: { provinceCode: OTHER_P, communeCode: null },
      ownCommune: { provinceCode: P, communeCode: C },
      neighbour: { provinceCode: P, communeCode: NEIGHBOUR },
      far: { provinceCode: OTHER_P, communeCode: FAR },
    };
    const allowed: Record<Role, (keyof typeof AREAS)[]> = {
      commune_cadre: ['ownCommune'],
      province_reviewer: ['ownProvince', 'ownCommune', 'neighbour'],
      province_admin: ['ownProvince', 'ownCommune', 'neighbour'],
      central_admin: Object.keys(AREAS) as (keyof typeof AREAS)[],
    };
    for (const who of WHO) {
      for (const [area, resource] of Object.entries(AREAS)) {
        const expected =
          !(who === 'anonymous' || who.startsWith('disabled')) && allowed[who as Role].includes(area as never);
        expect(can(user(who), 'viewReport', resource), `${who} → ${area}`).to.equal(expected);
      }
    }
  });

  it('keeps reference data to the centre', () => {
    for (const who of WHO) expect(can(user(who), 'manageReferenceData'), who).to.equal(who === 'central_admin');
  });

  it('lets the centre manage central movements, a province admin its own province’s only', () => {
    const central = { level: 'central', provinceCode: null };
    const own = { level: 'province', provinceCode: P };
    const other = { level: 'province', provinceCode: OTHER_P };
    for (const who of WHO) {
      const u = user(who);
      expect(can(u, 'manageMovement', central), `${who} central`).to.equal(who === 'central_admin');
      expect(can(u, 'manageMovement', own), `${who} own`).to.equal(who === 'province_admin');
      expect(can(u, 'manageMovement', other), `${who} other`).to.equal(false);
      expect(can(u, 'manageMovement'), `${who} ever`).to.equal(who === 'central_admin' || who === 'province_admin');
    }
  });

  it('refuses accounts without a scope and unknown actions', () => {
    const cadreWithoutCommune: SessionUser = { id: 1, role: 'commune_cadre', provinceCode: P, communeCode: null };
    const reviewerWithoutProvince: SessionUser = {
      id: 2,
      role: 'province_reviewer',
      provinceCode: null,
      communeCode: null,
    };
    const adminWithoutProvince: SessionUser = { id: 3, role: 'province_admin', provinceCode: null, communeCode: null };
    const nowhere = { ...model('own', 'draft'), communeCode: null };
    expect(can(cadreWithoutCommune, 'create')).to.equal(false);
    expect(can(cadreWithoutCommune, 'viewInternal', nowhere)).to.equal(false);
    expect(can(reviewerWithoutProvince, 'review', model('own', 'submitted'))).to.equal(false);
    expect(can(adminWithoutProvince, 'manageAccounts', { role: 'commune_cadre', provinceCode: P })).to.equal(false);
    expect(can(user('central_admin'), 'fly' as PolicyAction)).to.equal(false);
  });

  it('accepts the full account row', () => {
    const row = {
      id: 5,
      username: 'xa.demo',
      displayName: 'Cán bộ xã',
      role: 'commune_cadre' as const,
      provinceCode: P,
      communeCode: C,
      disabled: false,
    };
    expect(can(row, 'edit', model('own', 'returned'))).to.equal(true);
    expect(can({ ...row, disabled: true }, 'edit', model('own', 'returned'))).to.equal(false);
  });

  describe('transitions: policy scope and workflow together', () => {
    const ACTIONS: WorkflowAction[] = ['submit', 'approve', 'return', 'reject', 'withdraw', 'recognise', 'edit'];
    const legal: Record<string, { roles: Role[]; to: ModelStatus }> = {
      'draft submit': { roles: ['commune_cadre'], to: 'submitted' },
      'returned submit': { roles: ['commune_cadre'], to: 'submitted' },
      'withdrawn submit': { roles: ['commune_cadre'], to: 'submitted' },
      'draft edit': { roles: ['commune_cadre'], to: 'draft' },
      'returned edit': { roles: ['commune_cadre'], to: 'returned' },
      'submitted edit': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'submitted' },
      'submitted approve': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'approved' },
      'submitted return': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'returned' },
      'submitted reject': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'rejected' },
      'submitted consult': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'consultation' },
      'consultation close': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'consultation' },
      'consultation approve': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'approved' },
      'consultation return': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'returned' },
      'consultation reject': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'rejected' },
      'approved withdraw': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'withdrawn' },
      'approved recognise': { roles: ['province_reviewer', 'province_admin', 'central_admin'], to: 'approved' },
    };
    const guard: Record<WorkflowAction, PolicyAction> = {
      submit: 'submit',
      consult: 'consult',
      close: 'consult',
      approve: 'review',
      return: 'review',
      reject: 'review',
      withdraw: 'withdraw',
      recognise: 'recognise',
      edit: 'edit',
    };
    const input = {
      comment: 'Cần bổ sung minh chứng.',
      recognition: { year: 2024, level: 'province', grade: 'kha' } as const,
      periodDays: 10,
    };
    const NOW = new Date(2025, 9, 15);

    for (const who of WHO) {
      it(who, () => {
        for (const action of ACTIONS) {
          for (const scope of SCOPES) {
            for (const status of STATUSES) {
              const role = who.replace('disabled ', '') as Role;
              const rule = legal[`${status} ${action}`];
              const policyAction = action === 'edit' && role !== 'commune_cadre' ? 'correct' : guard[action];
              const expected = expectedOnModel(who, policyAction, scope, status) && !!rule && rule.roles.includes(role);
              const m = model(scope, status);
              const label = `${who} ${action} ${scope} ${status}`;
              expect(canTransition(user(who), action, m), label).to.equal(expected);
              const full = checkTransition(user(who), action, m, input, NOW);
              expect(full.ok, label).to.equal(expected);
              if (expected) expect(full, label).to.deep.equal({ ok: true, to: rule.to });
              else
                expect((full as { reason: string }).reason, label)
                  .to.be.a('string')
                  .and.not.equal('');
            }
          }
        }
      });
    }

    it('checks the input once it is given, and hides out-of-scope models behind one reason', () => {
      const reviewer = user('province_reviewer');
      expect(canTransition(reviewer, 'return', model('own', 'submitted'))).to.equal(true);
      expect(checkTransition(reviewer, 'return', model('own', 'submitted'), { comment: ' ' }, NOW).ok).to.equal(false);
      expect(checkTransition(reviewer, 'approve', model('neighbour', 'submitted'), {}, NOW)).to.deep.include({
        ok: false,
      });
      const far = checkTransition(reviewer, 'approve', model('otherProvince', 'draft'), input, NOW);
      expect(far).to.deep.equal({ ok: false, reason: 'Mô hình này không thuộc phạm vi quản lý của tài khoản.' });
      const early = checkTransition(reviewer, 'approve', model('own', 'draft'), input, NOW);
      expect(early).to.deep.equal({ ok: false, reason: 'Không thể duyệt mô hình đang ở trạng thái Bản nháp.' });
      expect(checkTransition(null, 'submit', model('own', 'draft')).ok).to.equal(false);
    });
  });
});
